using System.CommandLine;
using Observatory.Harness.Commands;
using Observatory.Reports.Synthetic;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory synth`: a generated nightly history for load-testing the report and ingest.</summary>
public sealed class SynthCommandLine : ObservatoryCommand
{
    private readonly Option<int?> _runs = CliOptions.Integer("--runs", "N", "nightly runs to generate (default 365)");
    private readonly Option<int?> _engines = CliOptions.Integer("--engines", "N", "engine configurations per run, native included (default 30)");
    private readonly Option<int?> _variants = CliOptions.Integer("--variants", "N", "workload variants per run (default 40)");
    private readonly Option<int?> _samples = CliOptions.Integer("--samples", "N", "samples per cell (default 3: 365 x 30 x 40 x 3 = 1,314,000)");
    private readonly Option<int?> _seed = CliOptions.Integer("--seed", "N", "random seed (default 11); the same options give the same history");
    private readonly Option<string?> _bundles = CliOptions.Text("--bundles", "DIR", "also write each run as a run bundle under DIR (to time `observatory ingest`)");

    public SynthCommandLine() : base("synth", "write a synthetic nightly history into --db (marked synthetic; never mixed with measured runs)") =>
        Declare(_runs, _engines, _variants, _samples, _seed, _bundles);

    public override string? Notes =>
        "Every generated run is marked synthetic in the database (runs.synthetic) and every page of a report rendered from it carries a banner. " +
        "A store holds synthetic or measured runs, never both: give synth a --db of its own.";

    public override int Execute(ParseResult parse, CommandContext context)
    {
        var d = new SyntheticOptions();
        var options = new SyntheticOptions(parse.GetValue(_runs) ?? d.Runs, parse.GetValue(_engines) ?? d.Engines,
            parse.GetValue(_variants) ?? d.Variants, parse.GetValue(_samples) ?? d.Samples, parse.GetValue(_seed) ?? d.Seed);
        return new SynthCommand().Execute(options, GlobalOptions.DatabasePath(parse, context), parse.GetValue(_bundles), context);
    }
}
