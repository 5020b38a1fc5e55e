using Observatory.Core.Statistics;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;

namespace Observatory.Reports.Alerts;

/// <summary>
/// Judges the newest runs against their history, series by series (a cell on one machine class):
/// each new run is compared with the series' run before it by the same test `compare` uses
/// (bootstrap CI of the ratio beyond the threshold and Benjamini-Hochberg-adjusted Mann-Whitney p),
/// and the whole series of run medians is searched for level shifts (PELT, as on the history pages)
/// whose new level starts in a new run and is slower beyond the threshold. The significance test
/// fires on the first slow nightly; a change point needs a few runs at the new level to be seen,
/// and then survives one noisy night that the pairwise test would call Same.
/// </summary>
public static class RegressionFinder
{
    /// <summary>Without --since, a machine class's new runs are those started this close to its newest run (one nightly's shards).</summary>
    public static readonly TimeSpan NightlyWindow = TimeSpan.FromHours(6);

    private sealed record Point(string Class, string Machine, string Workload, string Variant, string Engine, string RunId, DateTime StartedUtc, string FingerprintId, string Label, double Median);

    public static AlertReport Find(ObservatoryStore store, string? since = null,
        double threshold = Comparison.DefaultThreshold, double alpha = Comparison.DefaultAlpha, ChangePointOptions? changePoints = null)
    {
        var newRuns = NewRuns(store, since);
        var points = store.Query($"""
            SELECT {MachineClass.IdSql} AS class, f.hostname AS machine, o.workload, o.variant, o.engine_id,
                   r.run_id, r.started_utc, r.fingerprint_id, coalesce(r.label, '') AS label, o.median_ns AS median
            FROM outcomes o JOIN runs r USING (run_id) JOIN fingerprints f ON f.fingerprint_id = r.fingerprint_id
            WHERE o.outcome = 'ok' AND o.median_ns IS NOT NULL AND {RunReference.Complete}
            ORDER BY class, o.workload, o.variant, o.engine_id, r.started_utc, r.run_id
            """)
            .Select(r => new Point((string)r["class"]!, (string)r["machine"]!, (string)r["workload"]!, (string)r["variant"]!, (string)r["engine_id"]!,
                (string)r["run_id"]!, (DateTime)r["started_utc"]!, (string)r["fingerprint_id"]!, (string)r["label"]!, Convert.ToDouble(r["median"])))
            .ToList();

        var alerts = new List<RegressionAlert>();
        var pairs = new Dictionary<(Point Base, Point Diff), List<Point>>();
        int judged = 0, withoutHistory = 0;
        foreach (var series in points.GroupBy(p => (p.Class, p.Workload, p.Variant, p.Engine)))
        {
            var s = series.ToList();
            if (!s.Any(p => newRuns.Contains(p.RunId))) continue;
            judged++;
            // A nightly needs an earlier night; with --since, any earlier run of the series will do.
            if (since is null ? s.All(p => newRuns.Contains(p.RunId)) : s.Count == 1) { withoutHistory++; continue; }
            for (var i = 1; i < s.Count; i++)
                if (newRuns.Contains(s[i].RunId) && Before(s, i, newRuns, nightly: since is null) is { } before)
                {
                    var key = (Run(before), Run(s[i]));
                    if (!pairs.TryGetValue(key, out var cells)) pairs[key] = cells = [];
                    cells.Add(s[i]);
                }
            alerts.AddRange(ChangePoints(s, newRuns, threshold, changePoints));
        }
        foreach (var ((b, d), cells) in pairs)
            alerts.AddRange(Slowdowns(store, b, d, cells, threshold, alpha));

        return new AlertReport
        {
            Alerts = alerts.OrderBy(a => a.Machine, StringComparer.Ordinal).ThenBy(a => a.Workload, StringComparer.Ordinal)
                .ThenBy(a => a.Variant, StringComparer.Ordinal).ThenBy(a => a.Engine, StringComparer.Ordinal).ThenBy(a => a.Kind).ToList(),
            NewRuns = newRuns.Order(StringComparer.Ordinal).ToList(),
            SeriesJudged = judged, SeriesWithoutHistory = withoutHistory, Threshold = threshold, Alpha = alpha,
        };
    }

    /// <summary>
    /// What a new point is judged against: the run before it in the series; for a nightly (no --since) the
    /// last run before the nightly, so two shards of one night are never compared with each other (the noop
    /// calibration cell is in every shard). Null when there is none.
    /// </summary>
    private static Point? Before(List<Point> s, int i, HashSet<string> newRuns, bool nightly)
    {
        for (var j = i - 1; j >= 0; j--)
            if (!nightly || !newRuns.Contains(s[j].RunId)) return s[j];
        return null;
    }

    /// <summary>A point reduced to its run, so cells of the same pair of runs are compared in one go (one BH family).</summary>
    private static Point Run(Point p) => p with { Workload = "", Variant = "", Engine = "", Median = 0 };

    private static HashSet<string> NewRuns(ObservatoryStore store, string? since)
    {
        if (since is not null)
        {
            var from = RunReference.Resolve(store, since);
            return store.Query($"""
                SELECT run_id FROM runs WHERE {RunReference.Complete} AND (started_utc > $s OR (started_utc = $s AND run_id > $id))
                """, ("s", from.StartedUtc), ("id", from.RunId)).Select(r => (string)r["run_id"]!).ToHashSet(StringComparer.Ordinal);
        }
        var hours = (int)NightlyWindow.TotalHours;
        return store.Query($"""
            WITH rc AS (
                SELECT r.run_id, r.started_utc, {MachineClass.IdSql} AS class
                FROM runs r JOIN fingerprints f ON f.fingerprint_id = r.fingerprint_id WHERE {RunReference.Complete})
            SELECT run_id FROM rc
            WHERE started_utc >= (SELECT max(started_utc) FROM rc AS newest WHERE newest.class = rc.class) - INTERVAL {hours} HOUR
            """).Select(r => (string)r["run_id"]!).ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<RegressionAlert> Slowdowns(ObservatoryStore store, Point b, Point d, List<Point> cells, double threshold, double alpha)
    {
        var wanted = cells.Select(c => (c.Workload, c.Variant, c.Engine)).ToHashSet();
        // Runtimes and workloads may differ between the runs (that is the regression); the machine class does not.
        var report = RunComparer.Compare(store, Stored(b), Stored(d), ComparisonMetric.Auto, threshold, alpha, allowDifferentFingerprints: true,
            (w, v, e) => wanted.Contains((w, v, e)));
        return report.Cells.Where(c => c.Verdict == Verdict.Slower).Select(c => new RegressionAlert
        {
            Kind = AlertKind.Slower, Machine = d.Machine, MachineClass = d.Class, Workload = c.Workload, Variant = c.Variant, Engine = c.Engine,
            RunId = d.RunId, BaseRunId = b.RunId, Ratio = c.Ratio, CiLow = c.CiLow, CiHigh = c.CiHigh, PAdjusted = c.PAdjusted, Metric = c.Metric,
            Detail = c.Reason + (c.WorkloadChange is { } change ? $"; the workload changed: {change}" : ""),
        });
    }

    private static StoredRun Stored(Point p) => new(p.RunId, p.Label, p.StartedUtc, p.FingerprintId);

    private static IEnumerable<RegressionAlert> ChangePoints(List<Point> s, HashSet<string> newRuns, double threshold, ChangePointOptions? options)
    {
        options ??= new ChangePointOptions();
        if (s.Count < 2 * options.MinSegmentLength) yield break;
        var found = ChangePointDetector.Detect(s.Select(p => p.Median).ToList(), options);
        foreach (var cp in found.ChangePoints)
        {
            var first = s[cp.Index];
            if (!newRuns.Contains(first.RunId) || !(cp.MeanAfter > cp.MeanBefore * (1 + threshold))) continue;
            yield return new RegressionAlert
            {
                Kind = AlertKind.ChangePoint, Machine = first.Machine, MachineClass = first.Class, Workload = first.Workload, Variant = first.Variant,
                Engine = first.Engine, RunId = first.RunId, BaseRunId = s[cp.Index - 1].RunId, Ratio = cp.MeanAfter / cp.MeanBefore, Metric = "wall",
                Detail = $"the series of run medians shifted from {cp.MeanBefore:0} ns to {cp.MeanAfter:0} ns at run {first.RunId} ({s.Count} runs on this machine)",
            };
        }
    }
}
