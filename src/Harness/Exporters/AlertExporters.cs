using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observatory.Harness.Cli;
using Observatory.Reports.Alerts;

namespace Observatory.Harness.Exporters;

/// <summary>`alerts` as a console table, as Markdown (the nightly's step summary) and as JSON (the issue-filing step reads it).</summary>
public static class AlertExporters
{
    private static string Ratio(double r) => r.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Ci(RegressionAlert a) =>
        a.CiLow is { } lo && a.CiHigh is { } hi ? string.Create(CultureInfo.InvariantCulture, $"{lo:0.000} .. {hi:0.000}") : "-";

    private static string P(RegressionAlert a) => a.PAdjusted is { } p ? p.ToString("G2", CultureInfo.InvariantCulture) : "-";

    private static string Kind(AlertKind k) => k == AlertKind.Slower ? "slower" : "change point";

    private static string Summary(AlertReport r) =>
        $"{Cli.Units.Count(r.Alerts.Count, "regression")} in {Cli.Units.Count(r.NewRuns.Count, "new run")} " +
        $"({r.SeriesJudged} series judged, {r.SeriesWithoutHistory} without an earlier run on their machine)";

    private static string Rule(AlertReport r) => FormattableString.Invariant(
        $"slower: the new run against the series' run before it, whole 95% CI of the ratio beyond +{r.Threshold:0.##%} and BH-adjusted p < {r.Alpha:0.###}; ")
        + FormattableString.Invariant($"change point: a level shift (PELT) of the run medians beginning in a new run, at least +{r.Threshold:0.##%}");

    public static void Text(AlertReport r, TextWriter w)
    {
        if (r.Alerts.Count > 0)
        {
            var t = new TextTable("machine", "workload", "variant", "engine", "kind", "ratio", "95% CI", "p (BH)", "run", "against");
            foreach (var a in r.Alerts)
                t.Add(a.Machine, a.Workload, a.Variant, a.Engine, Kind(a.Kind), Ratio(a.Ratio), Ci(a), P(a), a.RunId, a.BaseRunId);
            t.Write(w);
            foreach (var a in r.Alerts) w.WriteLine($"  {a.SeriesKey} ({Kind(a.Kind)}): {a.Detail}");
        }
        w.WriteLine(Summary(r));
        w.WriteLine(Rule(r));
    }

    public static void Markdown(AlertReport r, TextWriter w)
    {
        w.WriteLine("### Observatory regression alerts");
        w.WriteLine();
        w.WriteLine(r.Alerts.Count == 0 ? $"No regression. {Summary(r)}." : $"**{Summary(r)}.**");
        if (r.Alerts.Count > 0)
        {
            w.WriteLine();
            var t = new MarkdownTable("machine", "workload", "engine", "kind", "ratio", "95% CI", "p (BH)", "run", "against");
            t.Numeric.UnionWith(["ratio", "95% CI", "p (BH)"]);
            foreach (var a in r.Alerts)
                t.Add(a.Machine, $"{a.Workload}/{a.Variant}", $"`{a.Engine}`", Kind(a.Kind), Ratio(a.Ratio), Ci(a), P(a), $"`{a.RunId}`", $"`{a.BaseRunId}`");
            t.Write(w);
        }
        w.WriteLine();
        w.WriteLine(Rule(r) + ".");
    }

    public static void Json(AlertReport r, TextWriter w)
    {
        var alerts = new JsonArray();
        foreach (var a in r.Alerts)
            alerts.Add(new JsonObject
            {
                ["seriesKey"] = a.SeriesKey, ["kind"] = a.Kind == AlertKind.Slower ? "slower" : "change-point",
                ["machine"] = a.Machine, ["machineClass"] = a.MachineClass, ["workload"] = a.Workload, ["variant"] = a.Variant, ["engine"] = a.Engine,
                ["runId"] = a.RunId, ["baseRunId"] = a.BaseRunId, ["metric"] = a.Metric, ["ratio"] = a.Ratio, ["ciLow"] = a.CiLow, ["ciHigh"] = a.CiHigh,
                ["pAdjusted"] = a.PAdjusted, ["detail"] = a.Detail,
            });
        w.WriteLine(new JsonObject
        {
            ["newRuns"] = new JsonArray(r.NewRuns.Select(id => (JsonNode)JsonValue.Create(id)!).ToArray()),
            ["seriesJudged"] = r.SeriesJudged, ["seriesWithoutHistory"] = r.SeriesWithoutHistory,
            ["threshold"] = r.Threshold, ["alpha"] = r.Alpha, ["alerts"] = alerts,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
