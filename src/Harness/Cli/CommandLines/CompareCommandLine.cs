using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory compare [BASE] [DIFF]`: two stored runs, cell by cell.</summary>
public sealed class CompareCommandLine : ObservatoryCommand
{
    private readonly Argument<string?> _base = new("BASE")
    {
        Description = "a run id (or a unique prefix), a label (its latest run), latest, or previous (the run before latest); "
                      + "default: previous",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Argument<string?> _diff = new("DIFF")
    {
        Description = "the run compared against BASE, named the same ways (default: latest)",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<string?> _metric = CliOptions.Text("--metric", "NAME",
        "auto (default: CPU time of the bench region where both runs have it, else wall time; warm samples), wall, cpu, "
        + "normalized (time / the reference engine's time in the same round: cancels drift between runs), "
        + "instructions (callgrind, from `run --measure instructions`), total (cold start, end to end), compile, instantiate, execute");
    private readonly Option<double?> _threshold = CliOptions.Number("--threshold", "F",
        "smallest change that counts, as a fraction (default 0.03 = 3%): a cell is Slower or Faster only when the whole 95% CI "
        + "of the ratio lies beyond it and the adjusted p-value is below --alpha. Within an A/B run (default 0.02): Slower when the "
        + "paired ratio's 95% CI lies wholly above 1, its adjusted signed-rank p is below --alpha and the ratio itself exceeds 1 + F "
        + "(Faster mirrored), so +3% is called at 0.02 once `run --ab` has the CI to ±1%");
    private readonly Option<double?> _alpha = CliOptions.Number("--alpha", "F",
        "significance level after Benjamini-Hochberg across all cells (default 0.05)");
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print {base, diff, metric, cells: [{workload, variant, engine, ratio, ciLow, ciHigh, p, pAdjusted, verdict, baseMedian, "
        + "diffMedian, rounds (A/B: paired rounds), ...}], skipped: [...], ab: {base, head, statistic, rule} for an A/B run}");
    private readonly Option<bool> _markdown = CliOptions.Flag("--markdown",
        "print Markdown: slower and faster cells first, the rest folded (a pull-request comment or $GITHUB_STEP_SUMMARY)");
    private readonly Option<string?> _history = HistoryOption.Create();
    private readonly Option<string?> _workloads = CliOptions.Text("--workloads", "GLOB", "compare only these workloads");
    private readonly Option<string?> _engines = CliOptions.Text("--engines", "GLOB", "compare only these engines");
    private readonly Option<bool> _allowDifferentFingerprints = CliOptions.Flag("--allow-different-fingerprints",
        "compare runs measured on different machines or toolchains anyway");
    private readonly Option<bool> _ab = CliOptions.Flag("--ab",
        "judge the HEAD engine of one A/B run (`run --ab BASE,HEAD`; default the latest run) against its BASE on paired rounds: "
        + "per round head/base (instructions where both engines were counted, else CPU time where both report it, else wall time), "
        + "the Hodges-Lehmann estimate of their logs with the 95% signed-rank interval, Wilcoxon signed-rank p (BH across cells), the rounds; "
        + "automatic when the one run named is an A/B run");
    private readonly Option<string?> _html = CliOptions.Text("--html", "FILE",
        "also write the comparison as a page in the report site's style (open it in a browser)");
    private readonly Option<bool> _failOnSlower = CliOptions.Flag("--fail-on-slower", "exit 1 when any cell is Slower (a regression gate for CI)");

    public CompareCommandLine() : base("compare", "compare two stored runs cell by cell: ratio with CI, p-value, Faster/Slower/Same")
    {
        Arguments.Add(_base);
        Arguments.Add(_diff);
        Declare(_metric, _threshold, _alpha, _json, _markdown, _history, _workloads, _engines, _allowDifferentFingerprints, _failOnSlower, _ab, _html);
    }

    public override int Execute(ParseResult parse, CommandContext context) =>
        new CompareCommand().Execute(new CompareSettings
        {
            Runs = new[] { parse.GetValue(_base), parse.GetValue(_diff) }.OfType<string>().ToList(),
            Database = GlobalOptions.DatabasePath(parse, context),
            Metric = parse.GetValue(_metric),
            Threshold = parse.GetValue(_threshold),
            Alpha = parse.GetValue(_alpha),
            Workloads = parse.GetValue(_workloads),
            Engines = parse.GetValue(_engines),
            Json = parse.GetValue(_json),
            Markdown = parse.GetValue(_markdown),
            History = parse.GetValue(_history),
            DatabaseGiven = GlobalOptions.DatabaseGiven(parse),
            AllowDifferentFingerprints = parse.GetValue(_allowDifferentFingerprints),
            FailOnSlower = parse.GetValue(_failOnSlower),
            Ab = parse.GetValue(_ab),
            Html = parse.GetValue(_html),
        }, context);
}
