using System.CommandLine;

namespace Observatory.Harness.Cli;

/// <summary>
/// Options every command accepts, before or after its name. --db is global so scripts (build.cake)
/// can pass one database to every step; the commands that read no database leave it unused and
/// its description says so rather than pretending.
/// </summary>
public static class GlobalOptions
{
    public const string DatabaseName = "--db";

    public static readonly string[] DatabaseUsers = ["run", "compare", "conformance", "ingest", "report", "query", "check", "alerts", "portability"];

    /// <summary>A new --db option (symbols belong to one command tree, so each tree gets its own).</summary>
    public static Option<string?> Database()
    {
        var db = CliOptions.Text(DatabaseName, "PATH",
            $"database (default results/observatory.duckdb); used by {string.Join(", ", DatabaseUsers)}, ignored by the others");
        db.Recursive = true;
        return db;
    }

    /// <summary>The --db the user gave, else the repository's default database.</summary>
    public static string DatabasePath(System.CommandLine.ParseResult parse, CommandContext context) =>
        parse.GetValue<string?>(DatabaseName) ?? context.DefaultDatabase;

    /// <summary>Whether the user named a database (the default is not a choice that could clash with --history).</summary>
    public static bool DatabaseGiven(System.CommandLine.ParseResult parse) => parse.GetValue<string?>(DatabaseName) is not null;
}
