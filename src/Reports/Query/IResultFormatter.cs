namespace Observatory.Reports.Query;

/// <summary>One output format of `observatory query`: a name for --format and a writer of a whole result.</summary>
public interface IResultFormatter
{
    string Name { get; }
    void Write(QueryResult result, TextWriter output);
}

/// <summary>The formats, by --format name.</summary>
public static class ResultFormatters
{
    public static IReadOnlyList<IResultFormatter> All { get; } = [new TableFormatter(), new CsvFormatter(), new JsonFormatter()];

    public static IResultFormatter? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
