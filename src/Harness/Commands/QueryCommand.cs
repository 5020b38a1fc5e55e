using Observatory.Harness.Cli;
using Observatory.Reports.Query;

namespace Observatory.Harness.Commands;

/// <summary>One read-only SQL statement over the database, printed as a table, CSV or JSON; --list names the tables and views.</summary>
public sealed class QueryCommand
{
    public int Execute(IReadOnlyList<string> sql, string format, bool list, string database, CommandContext context)
    {
        var formatter = ResultFormatters.Find(format)
            ?? throw new UsageException($"--format {format} is not a format (table, csv, json)");
        if (list && sql.Count > 0) throw new UsageException("give either SQL or --list, not both");
        if (!list && sql.Count != 1) throw new UsageException(sql.Count == 0 ? "give one SQL statement" : "give the SQL as one quoted argument");
        if (!list && string.IsNullOrWhiteSpace(sql[0])) throw new UsageException("the SQL is empty");
        try
        {
            using var query = StoreQuery.Open(database);
            var result = list ? query.Catalog() : query.Run(sql[0]);
            if (list && format == "table") WriteCatalog(result, context.Out);
            else formatter.Write(result, context.Out);
            return 0;
        }
        catch (QueryException e)
        {
            context.Error.WriteLine($"observatory query: error: {e.Message}");
            return 1;
        }
    }

    /// <summary>--list for a terminal: name, kind and rows on one line, what it holds wrapped under it at 100 columns.</summary>
    private static void WriteCatalog(QueryResult catalog, TextWriter w)
    {
        var width = catalog.Rows.Max(r => ((string)r[0]!).Length);
        foreach (var r in catalog.Rows)
        {
            var rows = r[2] is null ? "" : $", {r[2]} rows";
            w.WriteLine($"{((string)r[0]!).PadRight(width)}  {r[1]}{rows}");
            foreach (var line in TextWrap.Lines((string?)r[3] ?? "", "    ", "    ")) w.WriteLine(line);
        }
    }
}
