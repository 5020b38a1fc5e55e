namespace Observatory.Reports.Query;

/// <summary>
/// RFC 4180 CSV with a header row: a field holding a comma, quote, CR or LF is quoted with
/// quotes doubled. NULL is an empty field and an empty string is "", so the two stay apart.
/// Lines end in LF, as DuckDB's own COPY writes them.
/// </summary>
public sealed class CsvFormatter : IResultFormatter
{
    public string Name => "csv";

    public void Write(QueryResult result, TextWriter output)
    {
        output.Write(string.Join(",", result.Columns.Select(c => Field(c.Name))) + "\n");
        foreach (var row in result.Rows)
            output.Write(string.Join(",", row.Select(v => v is null ? "" : Field(ValueText.Format(v)))) + "\n");
    }

    private static string Field(string text) =>
        text.Length == 0 || text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
