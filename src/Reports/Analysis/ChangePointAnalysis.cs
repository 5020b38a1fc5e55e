using Observatory.Core.Statistics;
using Observatory.Reports.Store;

namespace Observatory.Reports.Analysis;

/// <summary>One point of a cell's history: a run and its median.</summary>
public sealed record SeriesPoint(string RunId, DateTime StartedUtc, string FingerprintId, double Median);

/// <summary>A level shift in a cell's history, located at the first run of the new level.</summary>
public sealed record CellChangePoint(string Workload, string Variant, string Engine, string RunId, DateTime StartedUtc, double MeanBefore, double MeanAfter)
{
    public double RelativeChange => (MeanAfter - MeanBefore) / MeanBefore;
}

/// <summary>
/// Change points along each cell's series of run medians (the nightly history): SQL
/// reads the series from the outcomes table in run order, one series per fingerprint so
/// a machine change is never mistaken for a regression, and
/// <see cref="ChangePointDetector"/> (PELT with a noise-based penalty) finds level shifts.
/// </summary>
public static class ChangePointAnalysis
{
    /// <summary>The series of one cell's medians (metric's median column) over ok runs, oldest first.</summary>
    public static IReadOnlyList<SeriesPoint> Series(ObservatoryStore store, string workload, string variant, string engine, ComparisonMetric? metric = null)
    {
        var column = (metric ?? ComparisonMetric.Wall).MedianColumn
            ?? throw new ArgumentException($"metric '{metric!.Name}' has no per-run median to follow");
        return store.Query($"""
            SELECT r.run_id, r.started_utc, coalesce(r.fingerprint_id, '') AS fingerprint_id, o.{column} AS median
            FROM outcomes o JOIN runs r USING (run_id)
            WHERE o.workload = $w AND o.variant = $v AND o.engine_id = $e AND o.outcome = 'ok' AND o.{column} IS NOT NULL
              AND {EmulatedTimings.Excluded("o")}
            ORDER BY r.started_utc, r.run_id
            """, ("w", workload), ("v", variant), ("e", engine))
            .Select(r => new SeriesPoint((string)r["run_id"]!, (DateTime)r["started_utc"]!, (string)r["fingerprint_id"]!, Convert.ToDouble(r["median"])))
            .ToList();
    }

    /// <summary>Change points of every cell with at least <paramref name="minRuns"/> runs on one fingerprint.</summary>
    public static IReadOnlyList<CellChangePoint> FindAll(ObservatoryStore store, ComparisonMetric? metric = null, int minRuns = 6, ChangePointOptions? options = null)
    {
        var result = new List<CellChangePoint>();
        var cells = store.Query($"SELECT DISTINCT workload, variant, engine_id FROM outcomes o WHERE {EmulatedTimings.Excluded("o")} ORDER BY ALL");
        foreach (var c in cells)
        {
            string w = (string)c["workload"]!, v = (string)c["variant"]!, e = (string)c["engine_id"]!;
            foreach (var series in Series(store, w, v, e, metric).GroupBy(p => p.FingerprintId))
            {
                var points = series.ToList();
                if (points.Count < minRuns) continue;
                var found = ChangePointDetector.Detect(points.Select(p => p.Median).ToList(), options);
                result.AddRange(found.ChangePoints.Select(cp =>
                    new CellChangePoint(w, v, e, points[cp.Index].RunId, points[cp.Index].StartedUtc, cp.MeanBefore, cp.MeanAfter)));
            }
        }
        return result;
    }
}
