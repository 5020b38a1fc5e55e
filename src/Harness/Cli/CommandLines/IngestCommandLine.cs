using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory ingest BUNDLE...`: run bundles from other machines into the database.</summary>
public sealed class IngestCommandLine : ObservatoryCommand
{
    private readonly Argument<string[]> _bundles = new("BUNDLE")
    {
        Description = "a results/runs/RUN-ID directory, its run.json, or a directory of bundles",
        Arity = ArgumentArity.OneOrMore,
    };
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print {database, ingested: [{runId, path}], alreadyStored: [{runId, path}]}");

    private readonly Option<string?> _history = CliOptions.Text("--history", "DIR",
        "append to a Parquet history (DIR/machine=M/date=YYYY-MM-DD/RUN-ID/*.parquet) instead of the database; a damaged bundle "
        + "is skipped with one line (exit 1) and the others are still filed; safe when several processes append at once");

    public IngestCommandLine() : base("ingest", "merge run bundles into the database (same run id twice = no change)")
    {
        Arguments.Add(_bundles);
        Declare(_json, _history);
    }

    public override int Execute(ParseResult parse, CommandContext context) =>
        new IngestCommand().Execute(parse.GetValue(_bundles) ?? [], GlobalOptions.DatabasePath(parse, context), parse.GetValue(_json), context,
            parse.GetValue(_history), GlobalOptions.DatabaseGiven(parse));
}
