using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory alerts`: regressions of the newest runs against their history.</summary>
public sealed class AlertsCommandLine : ObservatoryCommand
{
    private readonly Option<string?> _since = CliOptions.Text("--since", "RUN",
        "judge every run started after RUN (a run id, prefix, label, latest or previous); default: each machine's newest nightly "
        + "(its runs started within 6 hours of its newest run, i.e. all shards of one nightly)");
    private readonly Option<string?> _history = HistoryOption.Create();
    private readonly Option<double?> _threshold = CliOptions.Number("--threshold", "F",
        "smallest slowdown that counts, as a fraction (default 0.03 = 3%)");
    private readonly Option<double?> _alpha = CliOptions.Number("--alpha", "F",
        "significance level after Benjamini-Hochberg across the cells of each pair of runs (default 0.05)");
    private readonly Option<bool> _markdown = CliOptions.Flag("--markdown", "print Markdown (for $GITHUB_STEP_SUMMARY or an issue)");
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print {newRuns, seriesJudged, seriesWithoutHistory, alerts: [{seriesKey, kind, machine, workload, variant, engine, runId, baseRunId, ratio, ciLow, ciHigh, pAdjusted, detail}]}");
    private readonly Option<bool> _failOnAlert = CliOptions.Flag("--fail-on-alert", "exit 1 when there is any alert");

    public AlertsCommandLine() : base("alerts", "list significant slowdowns and change points of the newest runs against their history, per machine")
        => Declare(_since, _history, _threshold, _alpha, _markdown, _json, _failOnAlert);

    public override string? Notes => """
        A series is one cell (workload, variant, engine) on one machine class: the machine's name (hostname or
        $OBSERVATORY_MACHINE_ID), CPU, cores, memory, architecture, virtualisation and governor. New runtime
        builds and workload changes stay in the series (they are what an alert is about); another machine never does.
        Each alert has a series key (MACHINE:WORKLOAD/VARIANT@ENGINE): one issue per key never duplicates.
        """;

    public override int Execute(ParseResult parse, CommandContext context) =>
        new AlertsCommand().Execute(new AlertsSettings
        {
            Database = GlobalOptions.DatabasePath(parse, context),
            DatabaseGiven = GlobalOptions.DatabaseGiven(parse),
            History = parse.GetValue(_history),
            Since = parse.GetValue(_since),
            Threshold = parse.GetValue(_threshold),
            Alpha = parse.GetValue(_alpha),
            Markdown = parse.GetValue(_markdown),
            Json = parse.GetValue(_json),
            FailOnAlert = parse.GetValue(_failOnAlert),
        }, context);
}
