using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory query "SQL"`: one read-only statement over the database.</summary>
public sealed class QueryCommandLine : ObservatoryCommand
{
    private readonly Argument<string[]> _sql = new("SQL")
    {
        Description = "one statement that only reads: SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN " +
                      "(quote it; put it after -- if it starts with a comment). Columns: docs/schema.md",
        Arity = ArgumentArity.ZeroOrMore,
    };
    private readonly Option<string?> _format = CliOptions.Text("--format", "FORMAT",
        "table (default; NULL as empty), csv (RFC 4180, header row), json (array of row objects)");
    private readonly Option<bool> _list = CliOptions.Flag("--list", "the tables and views with what each holds");
    private readonly Option<bool> _schema = CliOptions.Flag("--schema", "the same as --list");

    public QueryCommandLine() : base("query", "run one read-only SQL statement over the database (--list: its tables and views)")
    {
        Arguments.Add(_sql);
        _format.CompletionSources.Add("table", "csv", "json");
        Declare(_format, _list, _schema);
    }

    public override string? Notes => "The database (--db) is opened read-only and never created; statements that would change it\nare refused.";

    public override int Execute(ParseResult parse, CommandContext context) =>
        new QueryCommand().Execute(parse.GetValue(_sql) ?? [], parse.GetValue(_format) ?? "table",
            parse.GetValue(_list) || parse.GetValue(_schema), GlobalOptions.DatabasePath(parse, context), context);
}
