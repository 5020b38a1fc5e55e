namespace Observatory.Reports.Query;

/// <summary>
/// Aligned columns for a terminal or a CI log: numbers right-aligned, NULL as an empty cell,
/// line breaks in text shown as \n so a row stays one line, and the row count last.
/// </summary>
public sealed class TableFormatter : IResultFormatter
{
    public string Name => "table";

    public void Write(QueryResult result, TextWriter output)
    {
        var cells = result.Rows.Select(r => r.Select(Cell).ToArray()).ToList();
        var widths = result.Columns.Select((c, i) => cells.Select(r => r[i].Length).Prepend(c.Name.Length).Max()).ToArray();
        void Line(IReadOnlyList<string> values) => output.WriteLine(string.Join("  ", values.Select((v, i) =>
            result.Columns[i].IsNumeric ? v.PadLeft(widths[i]) : v.PadRight(widths[i]))).TrimEnd());
        Line(result.Columns.Select(c => c.Name).ToArray());
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in cells) Line(row);
        output.WriteLine(result.Rows.Count == 1 ? "(1 row)" : $"({result.Rows.Count} rows)");
    }

    private static string Cell(object? value) =>
        value is null ? "" : ValueText.Format(value).Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}
