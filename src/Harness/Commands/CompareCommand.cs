using System.Globalization;
using System.Text.Json.Nodes;
using Observatory.Core.Statistics;
using Observatory.Harness.Cli;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// Diff run against base run, cell by cell, from the samples in the store: ratio of
/// medians with a bootstrap 95% CI, Mann-Whitney p (Benjamini-Hochberg across the
/// matrix) and a verdict that says "same" unless the change is both significant and
/// beyond the threshold. Refuses runs measured under different fingerprints unless told.
/// </summary>
public sealed class CompareCommand
{
    public int Execute(CompareSettings settings, CommandContext context)
    {
        var runs = settings.Runs;
        if (runs.Count > 2)
            throw new UsageException($"give at most two runs, BASE and DIFF (got {runs.Count}: {string.Join(' ', runs)})");
        if (settings.Ab && runs.Count > 1)
            throw new UsageException($"--ab compares the two engines of one A/B run: give one run (got {runs.Count}: {string.Join(' ', runs)})");
        var (baseRef, diffRef) = runs.Count switch
        {
            0 => ("previous", "latest"),
            1 => (runs[0], "latest"),
            _ => (runs[0], runs[1]),
        };
        ComparisonMetric metric;
        try { metric = ComparisonMetric.Parse(settings.Metric ?? "auto"); }
        catch (ArgumentException e) { throw new UsageException($"--metric: {e.Message}"); }
        var threshold = settings.Threshold ?? Comparison.DefaultThreshold;
        if (!(threshold >= 0 && threshold < 1))
            throw new UsageException($"--threshold must be a fraction in [0, 1), e.g. 0.03 for 3% (got {threshold.ToString(CultureInfo.InvariantCulture)})");
        var alpha = settings.Alpha ?? Comparison.DefaultAlpha;
        if (!(alpha > 0 && alpha < 1))
            throw new UsageException($"--alpha must be between 0 and 1, e.g. 0.05 (got {alpha.ToString(CultureInfo.InvariantCulture)})");

        // Read-only: comparing never creates, upgrades or changes the file (a typo in --db is an error, not a new database).
        if (settings.Json && settings.Markdown) throw new UsageException("give --json or --markdown, not both");
        using var store = StoreSource.OpenReadOnly(settings.Database, settings.History, settings.DatabaseGiven);
        // One A/B run (named, or latest with --ab): head against base inside it, measured in the same rounds.
        if (runs.Count == 1 || settings.Ab)
        {
            var single = RunReference.Resolve(store, runs.Count == 1 ? runs[0] : "latest");
            if (AbRun.Of(store, single.RunId) is { } ab)
                return Report(RunComparer.CompareAb(store, single, ab, metric, settings.Threshold ?? RunComparer.AbThreshold, alpha, (w, _) => Glob.Matches(settings.Workloads, w)), settings, context, store);
            if (settings.Ab)
                throw new UsageException($"--ab: run {single.RunId} is not an A/B run (measure one with `observatory run --ab BASE,HEAD`)");
        }
        var baseRun = RunReference.Resolve(store, baseRef);
        var diffRun = RunReference.Resolve(store, diffRef);
        if (baseRun.RunId == diffRun.RunId)
            throw new UsageException($"BASE '{baseRef}' and DIFF '{diffRef}' are the same run ({baseRun.RunId}); name two different runs");

        ComparisonReport report;
        try
        {
            report = RunComparer.Compare(store, baseRun, diffRun, metric, threshold, alpha, settings.AllowDifferentFingerprints,
                (w, _, e) => Glob.Matches(settings.Workloads, w) && Glob.Matches(settings.Engines, e));
        }
        catch (FingerprintMismatchException e)
        {
            context.Error.WriteLine($"observatory compare: {e.Message}");
            return 1;
        }

        return Report(report, settings, context, store);
    }

    private static int Report(ComparisonReport report, CompareSettings settings, CommandContext context, ObservatoryStore store)
    {
        if (settings.Html is { } html) WriteHtml(report, html, store, context);
        if (settings.Json) context.Out.WriteLine(ToJson(report));
        else if (settings.Markdown) Exporters.ComparisonMarkdown.Write(report, context.Out);
        else Print(report, context.Out);
        if (report.FingerprintDifferences.Count > 0 && (settings.Json || settings.Markdown))
            context.Error.WriteLine($"warning: runs were measured under different fingerprints: {string.Join("; ", report.FingerprintDifferences)}");
        return settings.FailOnSlower && report.Cells.Any(c => c.Verdict == Verdict.Slower) ? 1 : 0;
    }

    private static void WriteHtml(ComparisonReport report, string file, ObservatoryStore store, CommandContext context)
    {
        var path = Path.GetFullPath(file);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var page = new Reports.Site.Pages.ComparisonReportPage(report, Path.GetFileName(path));
            Reports.Site.Pages.SiteTemplates.WriteTo(page, store, Path.GetDirectoryName(path)!, page.Title);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or unwritable place is the user's to fix: one line naming the option, not a stack trace.
            throw new IOException($"--html {path}: cannot write the comparison: {(DiskFull.Is(e) ? DiskFull.Cause : e.Message)}", e);
        }
        // Standard output stays the table or the JSON; where the page went is said on standard error.
        context.Error.WriteLine($"comparison page written to {path}");
    }

    private static JsonObject Run(StoredRun r) => new()
    {
        ["runId"] = r.RunId, ["label"] = r.Label,
        ["startedUtc"] = r.StartedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), ["fingerprint"] = r.FingerprintId,
    };

    internal static string ToJson(ComparisonReport r)
    {
        var cells = new JsonArray();
        foreach (var c in r.Cells)
            cells.Add(new JsonObject
            {
                ["workload"] = c.Workload, ["variant"] = c.Variant, ["engine"] = c.Engine, ["metric"] = c.Metric,
                ["ratio"] = c.Ratio, ["ciLow"] = c.CiLow, ["ciHigh"] = c.CiHigh, ["p"] = c.P, ["pAdjusted"] = c.PAdjusted,
                ["verdict"] = c.Verdict.ToString(),
                ["baseMedian"] = c.BaseMedian, ["diffMedian"] = c.DiffMedian, ["baseSamples"] = c.BaseSamples, ["diffSamples"] = c.DiffSamples,
                ["reason"] = c.Reason, ["workloadChange"] = c.WorkloadChange, ["overheadDiff"] = c.OverheadDiff,
                ["rounds"] = c.Rounds,
            });
        var skipped = new JsonArray();
        foreach (var s in r.Skipped)
            skipped.Add(new JsonObject { ["workload"] = s.Workload, ["variant"] = s.Variant, ["engine"] = s.Engine, ["reason"] = s.Reason });
        var o = new JsonObject
        {
            ["base"] = r.Base.RunId, ["diff"] = r.Diff.RunId, ["baseRun"] = Run(r.Base), ["diffRun"] = Run(r.Diff),
            ["ab"] = r.Ab is { } ab ? new JsonObject { ["base"] = ab.Base, ["head"] = ab.Head, ["statistic"] = AbRule.Statistic, ["rule"] = AbRule.Text(r) } : null,
            ["metric"] = r.Metric.Name, ["unit"] = r.Metric.IsDeterministic ? "instructions" : IsRelative(r) ? "ratio to the reference" : "ns",
            ["threshold"] = r.Threshold, ["alpha"] = r.Alpha,
            ["fingerprintDifferences"] = new JsonArray(r.FingerprintDifferences.Select(d => (JsonNode)JsonValue.Create(d)!).ToArray()),
            ["cells"] = cells, ["skipped"] = skipped,
            ["summary"] = new JsonObject
            {
                ["cells"] = r.Cells.Count,
                ["slower"] = r.Cells.Count(c => c.Verdict == Verdict.Slower),
                ["faster"] = r.Cells.Count(c => c.Verdict == Verdict.Faster),
                ["same"] = r.Cells.Count(c => c.Verdict == Verdict.Same),
                ["skipped"] = r.Skipped.Count,
            },
        };
        return o.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Medians that are ratios, not times: the normalized metric.</summary>
    private static bool IsRelative(ComparisonReport r) => r.Metric == ComparisonMetric.Normalized;

    private static void Print(ComparisonReport r, TextWriter w)
    {
        if (r.Ab is not null)
        {
            AbConsole.Print(r, w);
            return;
        }
        string Label(StoredRun run) => run.RunId + (run.Label.Length > 0 ? $" ({run.Label})" : "");
        w.WriteLine($"base {Label(r.Base)}  vs  diff {Label(r.Diff)}");
        w.WriteLine($"metric: {r.Metric.Name} = {r.Metric.Description}");
        if (r.FingerprintDifferences.Count > 0)
            w.WriteLine($"WARNING: compared across different fingerprints (--allow-different-fingerprints): {string.Join("; ", r.FingerprintDifferences)}");
        // A cell's own metric decides its unit: under auto, counted cells are instructions, the rest times.
        string V(CellComparison c, double x) => c.Metric == ComparisonMetric.Instructions.Name ? x.ToString("N0", CultureInfo.InvariantCulture)
            : IsRelative(r) ? x.ToString("0.000", CultureInfo.InvariantCulture) : Units.Duration(x);
        var t = new TextTable("workload", "variant", "engine", "metric", "base", "diff", "ratio", "95% CI", "p", "p (BH)", "verdict", "overhead");
        foreach (var c in r.Cells)
            t.Add(c.Workload, c.Variant, c.Engine, c.Metric, V(c, c.BaseMedian), V(c, c.DiffMedian),
                c.Ratio.ToString("0.000", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{c.CiLow:0.000} .. {c.CiHigh:0.000}"),
                c.P is null ? "-" : c.P.Value.ToString("G2", CultureInfo.InvariantCulture),
                c.PAdjusted is null ? "-" : c.PAdjusted.Value.ToString("G2", CultureInfo.InvariantCulture),
                c.Verdict.ToString(), c.OverheadDiff is null ? "" : V(c, c.OverheadDiff.Value));
        t.Write(w);
        foreach (var c in r.Cells.Where(c => c.Verdict != Verdict.Same))
            w.WriteLine($"  {c.Workload}/{c.Variant} on {c.Engine}: {c.Reason}");
        foreach (var c in r.Cells.Where(c => c.WorkloadChange is not null).GroupBy(c => (c.Workload, c.Variant, c.WorkloadChange)))
            w.WriteLine($"  note: {c.Key.Workload}/{c.Key.Variant} changed between the runs: {c.Key.WorkloadChange}");
        // One line per workload and reason, naming its engines: a refusal reads once, not once per engine.
        foreach (var g in r.Skipped.GroupBy(s => (s.Workload, s.Variant, s.Reason)))
            w.WriteLine($"  not compared: {g.Key.Workload}/{g.Key.Variant} on {string.Join(", ", g.Select(s => s.Engine))}: {g.Key.Reason}");
        var rule = FormattableString.Invariant($"ratio = diff/base; a verdict needs the whole 95% CI beyond ±{r.Threshold:0.##%}")
                   // Counted cells (instructions, also under auto) are decided on the ratio alone.
                   + (r.Cells.All(c => c.Metric == ComparisonMetric.Instructions.Name) && r.Cells.Count > 0 || r.Metric.IsDeterministic
                       ? "" : FormattableString.Invariant($" and BH-adjusted p < {r.Alpha:0.###} for timed cells"));
        w.WriteLine($"{r.Cells.Count} cells: {r.Cells.Count(c => c.Verdict == Verdict.Slower)} slower, {r.Cells.Count(c => c.Verdict == Verdict.Faster)} faster, " +
                    $"{r.Cells.Count(c => c.Verdict == Verdict.Same)} same ({rule})" + (r.Skipped.Count > 0 ? $"; {r.Skipped.Count} not compared" : ""));
        w.WriteLine("overhead = the noop workload's cost of the same phase on that engine in the diff run (harness, not runtime).");
    }
}
