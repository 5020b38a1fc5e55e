namespace Observatory.Harness.Cli;

/// <summary>Word wrapping for console notes, so long reasons and paths read at 100 columns.</summary>
public static class TextWrap
{
    public const int Width = 100;

    /// <summary>The text broken at spaces into lines of at most <paramref name="width"/>; every line but the first starts with <paramref name="indent"/>.</summary>
    public static IEnumerable<string> Lines(string text, string firstPrefix, string indent, int width = Width)
    {
        var line = firstPrefix;
        var empty = true;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = indent;
                empty = true;
            }
            line += (empty ? "" : " ") + word;
            empty = false;
        }
        yield return line;
    }
}
