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

    public IngestCommandLine() : base("ingest", "merge run bundles into the database (same run id twice = no change)")
    {
        Arguments.Add(_bundles);
        Declare(_json);
    }

    public override int Execute(ParseResult parse, CommandContext context) =>
        new IngestCommand().Execute(parse.GetValue(_bundles) ?? [], GlobalOptions.DatabasePath(parse, context), parse.GetValue(_json), context);
}
