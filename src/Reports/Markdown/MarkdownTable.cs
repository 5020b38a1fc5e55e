namespace Observatory.Reports.Markdown;

/// <summary>A GitHub-flavoured markdown table: cells escaped (pipes, newlines, HTML), numbers right-aligned.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly bool[] _right = new bool[headers.Length];

    public MarkdownTable RightAlign(params int[] columns)
    {
        foreach (var c in columns) _right[c] = true;
        return this;
    }

    public MarkdownTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public int Count => _rows.Count;

    /// <summary>A cell from a runtime or a user cannot break the table or inject markup into a PR comment.</summary>
    public static string Escape(string? s) =>
        (s ?? "").Replace('\n', ' ').Replace('\r', ' ').Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("|", "\\|").Replace("`", "\\`").Replace("*", "\\*").Replace("_", "\\_");

    public void WriteTo(TextWriter w)
    {
        w.WriteLine("| " + string.Join(" | ", headers.Select(Escape)) + " |");
        w.WriteLine("|" + string.Join("|", _right.Select(r => r ? "---:" : "---")) + "|");
        foreach (var r in _rows) w.WriteLine("| " + string.Join(" | ", r.Select(Escape)) + " |");
    }
}
