using System.Text;

namespace Observatory.Collectors.Conformance.Wast;

/// <summary>
/// Prepares module text for the text-to-binary converter (Wasmtime's Module.ConvertText):
/// raw bidirectional-control characters, which the converter rejects as confusable
/// (names.wast uses them inside names), are rewritten as \u{...} escapes with the same bytes.
/// </summary>
public static class ModuleText
{
    // Bidi controls and the other invisible format characters (Unicode category Cf) the converter rejects.
    public static bool IsBidiControl(char c) => c >= '\u0080' && char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    private static readonly System.Text.RegularExpressions.Regex FullModule = new(@"^\s*\(module(\s|\)|$)", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>
    /// The text of a (module quote ...): either a whole (module ...) or, by the text format's
    /// abbreviation, just module fields, which are wrapped in (module ...).
    /// </summary>
    public static string QuoteToModule(string text) => FullModule.IsMatch(text) ? text : "(module " + text + "\n)";

    public static string EscapeForConverter(string text)
    {
        var i = 0;
        while (i < text.Length && !IsBidiControl(text[i])) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsBidiControl(c)) sb.Append("\\u{").Append(((int)c).ToString("x")).Append('}');
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
