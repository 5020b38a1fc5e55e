using System.Text;

namespace Observatory.Collectors.Conformance.Wast;

/// <summary>
/// Prepares module text for the text-to-binary converter (Wasmtime's Module.ConvertText):
/// raw bidirectional-control characters, which the converter rejects as confusable
/// (names.wast uses them inside names), are rewritten as \u{...} escapes with the same bytes.
/// </summary>
public static class ModuleText
{
    public static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

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
