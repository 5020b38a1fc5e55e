namespace Observatory.Harness.Cli;

/// <summary>
/// A GitHub-flavoured Markdown table, for step summaries and pull-request comments: the same
/// shape as <see cref="TextTable"/>, with cells escaped so a '|' or a line break in a reason
/// cannot break the table.
/// </summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Columns whose header is listed here are right-aligned (numbers).</summary>
    public ISet<string> Numeric { get; } = new HashSet<string>(StringComparer.Ordinal);

    public void Add(params string?[] cells) => _rows.Add(cells.Select(c => c ?? "").ToArray());

    public void Write(TextWriter w)
    {
        w.WriteLine("| " + string.Join(" | ", headers.Select(Escape)) + " |");
        w.WriteLine("|" + string.Join("|", headers.Select(h => Numeric.Contains(h) ? "---:" : "---")) + "|");
        foreach (var r in _rows) w.WriteLine("| " + string.Join(" | ", r.Select(Escape)) + " |");
    }

    public static string Escape(string s) => s.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", "").Replace("\n", "<br>");
}
