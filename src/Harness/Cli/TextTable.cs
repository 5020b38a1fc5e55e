namespace Observatory.Harness.Cli;

/// <summary>A plain aligned text table: readable in a terminal and in a CI log alike.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string?[] cells) => _rows.Add(cells.Select(c => c ?? "").ToArray());

    public void Write(TextWriter w)
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        void Line(IReadOnlyList<string> cells) =>
            w.WriteLine(string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Line(headers);
        Line(widths.Select(x => new string('-', x)).ToArray());
        foreach (var r in _rows) Line(r);
    }
}
