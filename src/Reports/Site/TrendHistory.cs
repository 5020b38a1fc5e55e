using Observatory.Core.Statistics;
using Observatory.Reports.Site.Rows;

namespace Observatory.Reports.Site;

/// <summary>
/// The history of one workload variant as a chart model: runs in time order on x, one series per
/// engine and fingerprint (results measured in different environments are never joined into one
/// line, and never dropped), a marker wherever the environment changes, and change points found
/// within each series only.
/// </summary>
public sealed record TrendHistory(
    IReadOnlyList<TrendHistory.Run> Runs,
    IReadOnlyList<TrendHistory.Environment> Environments,
    IReadOnlyList<TrendChart.Series> Series,
    IReadOnlyList<TrendChart.Marker> EnvironmentChanges,
    IReadOnlyList<TrendHistory.Change> Changes,
    IReadOnlyList<TrendPoint> Points)
{
    public sealed record Run(string Id, DateTime StartedUtc, string? Label, string FingerprintId, string Tag);
    public sealed record Environment(string FingerprintId, string Tag, int Runs);
    public sealed record Change(string Series, string RunId, double BeforeNs, double AfterNs);

    /// <summary>Fewer runs than this per series and the detector is not asked (too little to tell noise from a step).</summary>
    public const int MinRunsForChangePoints = 6;

    public static TrendHistory Build(IReadOnlyList<TrendPoint> allPoints)
    {
        // Interrupted runs stopped part way: their cells are not comparable nights.
        var points = allPoints.Where(p => p.Status != Core.Runs.RunStatus.Interrupted).ToList();
        var runRows = points.Select(p => (p.RunId, p.StartedUtc, p.Label, p.FingerprintId)).Distinct()
            .OrderBy(r => r.StartedUtc).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        var fingerprints = runRows.Select(r => r.FingerprintId).Distinct().ToList();
        var tags = fingerprints.Select((f, i) => (f, Tag: EnvironmentTag(i))).ToDictionary(x => x.f, x => x.Tag);
        var runs = runRows.Select(r => new Run(r.RunId, r.StartedUtc, r.Label, r.FingerprintId, tags[r.FingerprintId])).ToList();
        var index = runs.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var environments = fingerprints.Select(f => new Environment(f, tags[f], runs.Count(r => r.FingerprintId == f))).ToList();

        var markers = new List<TrendChart.Marker>();
        for (var i = 1; i < runs.Count; i++)
            if (runs[i].FingerprintId != runs[i - 1].FingerprintId)
                markers.Add(new TrendChart.Marker(i - 0.5, $"env {runs[i].Tag}"));

        var series = new List<TrendChart.Series>();
        var changes = new List<Change>();
        var several = fingerprints.Count > 1;
        foreach (var g in points.Where(p => p.Outcome == "ok" && p.MedianNs is > 0)
                     .GroupBy(p => (p.EngineId, p.FingerprintId))
                     .OrderBy(g => g.Key.EngineId, StringComparer.Ordinal).ThenBy(g => tags[g.Key.FingerprintId], StringComparer.Ordinal))
        {
            var pts = g.OrderBy(p => index[p.RunId]).ToList();
            var name = several ? $"{g.Key.EngineId} · env {tags[g.Key.FingerprintId]}" : g.Key.EngineId;
            var values = pts.Select(p => p.MedianNs!.Value).ToList();
            var cps = values.Count >= MinRunsForChangePoints ? ChangePointDetector.Detect(values).ChangePoints : [];
            series.Add(new TrendChart.Series(name, pts.Select(p => (double)index[p.RunId]).ToList(), values, cps.Select(c => c.Index).ToList()));
            changes.AddRange(cps.Select(c => new Change(name, pts[c.Index].RunId, c.MeanBefore, c.MeanAfter)));
        }
        return new TrendHistory(runs, environments, series, markers, changes, points);
    }

    /// <summary>A, B, ..., Z, AA, AB: short names for the environments of one page, in order of first appearance.</summary>
    public static string EnvironmentTag(int i) => i < 26 ? ((char)('A' + i)).ToString() : EnvironmentTag(i / 26 - 1) + (char)('A' + i % 26);
}
