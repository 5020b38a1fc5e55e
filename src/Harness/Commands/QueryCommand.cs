using Observatory.Harness.Cli;
using Observatory.Reports.Query;

namespace Observatory.Harness.Commands;

/// <summary>One read-only SQL statement over the database, printed as a table, CSV or JSON; --list names the tables and views.</summary>
public sealed class QueryCommand : ICommand
{
    public string Name => "query";
    public string Summary => "run one read-only SQL statement over the database (--list: its tables and views)";
    public string Usage => """
        observatory query "SQL" [--format table|csv|json] [--db PATH]
        observatory query --list [--format table|csv|json] [--db PATH]
          SQL       one statement that only reads: SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN
                    (quote it; put it after -- if it starts with a comment). Columns: docs/schema.md
          --format  table (default; NULL as empty), csv (RFC 4180, header row), json (array of row objects)
          --list    the tables and views with what each holds (also --schema)
          --db      database (default results/observatory.duckdb); opened read-only, never created
        """;
    public IReadOnlyCollection<string> ValueOptions => ["--format", "--db"];
    public IReadOnlyCollection<string> FlagOptions => ["--list", "--schema"];

    public int Execute(CommandArgs args, CommandContext context)
    {
        var format = args.Value("--format", "table");
        var formatter = ResultFormatters.Find(format)
            ?? throw new UsageException($"--format {format} is not a format (table, csv, json)");
        var list = args.Flag("--list") || args.Flag("--schema");
        var sql = args.Positional.Concat(args.Rest).ToList();
        if (list && sql.Count > 0) throw new UsageException("give either SQL or --list, not both");
        if (!list && sql.Count != 1) throw new UsageException(sql.Count == 0 ? "give one SQL statement" : "give the SQL as one quoted argument");
        if (!list && string.IsNullOrWhiteSpace(sql[0])) throw new UsageException("the SQL is empty");
        try
        {
            using var query = StoreQuery.Open(args.Value("--db") ?? context.DefaultDatabase);
            formatter.Write(list ? query.Catalog() : query.Run(sql[0]), context.Out);
            return 0;
        }
        catch (QueryException e)
        {
            context.Error.WriteLine($"observatory {Name}: error: {e.Message}");
            return 1;
        }
    }
}
