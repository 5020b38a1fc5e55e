using System.Globalization;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// The overview: which runtime is fastest for which kind of work, by how much and how sure. Per
/// engine configuration, the geometric mean of ratios to native per workload family and overall
/// with 95% CIs, failures counted; a heat map workload × engine; conformance pass rates beside speed.
/// Built from the run the site's front page shows.
/// </summary>
/// <remarks>Written twice: as index.html (the front page) and as overview.html (links from older pages keep working).</remarks>
/// <remarks>A site passes the front run's data and run pairs it has already read; alone, the page reads them itself.</remarks>
public sealed class OverviewPage(string? runId, string fileName = "index.html", ReportData? front = null, IReadOnlyList<RunPair>? comparisons = null) : ISitePage
{
    public string FileName => fileName;
    public string Template => "overview";
    public string Title => "Overview";

    public object BuildModel(ObservatoryStore store)
    {
        var data = front ?? ReportData.Load(store, runId);
        if (data is null) return new OverviewModel { ConformanceHtml = ConformanceSection.Render(store) };
        var id = (string)data.Run["run_id"]!;
        var probe = data.Run.GetValueOrDefault("overhead_workload") as string;
        var cells = store.Rows<OverviewCell>(OverviewCell.Sql, new { RunId = id, Probe = probe });
        var samples = store.Rows<HeadlineSamples>(HeadlineSamples.Sql, new { RunId = id }).ToDictionary(s => (s.Workload, s.Variant, s.EngineId));
        var nativeId = cells.FirstOrDefault(c => c.IsNative)?.EngineId;
        var categories = cells.Select(c => c.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        var engines = cells.Select(c => (c.EngineId, c.IsNative)).Distinct().OrderByDescending(e => e.IsNative).ThenBy(e => e.EngineId, StringComparer.Ordinal).Select(e => e.EngineId).ToList();
        var conformance = ReadConformance(store);
        var suites = conformance.Select(c => c.Suite).Distinct().ToList();

        var scores = new List<EngineScoreRow>();
        foreach (var g in cells.Where(c => !c.IsNative).GroupBy(c => (c.EngineId, c.Family)))
        {
            var mine = g.ToList();
            ScoreText ScoreOf(IEnumerable<OverviewCell> xs) => nativeId is null ? EngineScores.Score([]) : EngineScores.Score(EngineScores.Pairs(xs, samples, nativeId));
            var failed = mine.Where(c => c.Outcome != "ok").ToList();
            var comparable = nativeId is null ? 0 : EngineScores.Pairs(mine, samples, nativeId).Count;
            scores.Add(new EngineScoreRow(g.Key.EngineId, g.Key.Family, ScoreOf(mine),
                categories.Select(cat => ScoreOf(mine.Where(c => c.Category == cat))).ToList(),
                mine.Count - failed.Count, failed.Count, mine.Count - failed.Count - comparable,
                string.Join(", ", failed.Select(c => $"{c.Workload}/{c.Variant}: {c.Outcome}")),
                suites.Select(s => RateText(conformance, s, g.Key.EngineId, g.Key.Family)).ToList()));
        }
        var ranked = scores.OrderBy(s => s.Overall.Estimate).ThenBy(s => s.EngineId, StringComparer.Ordinal).ToList();

        var heat = cells.GroupBy(c => (c.Workload, c.Variant, c.Category)).Select(g => new HeatRow(g.Key.Workload, g.Key.Variant, g.Key.Category,
            TrendPages.FileName(g.Key.Workload, g.Key.Variant),
            engines.Select(e => Heat(g.FirstOrDefault(c => c.EngineId == e), samples, nativeId)).ToList())).ToList();

        return new OverviewModel
        {
            HasRun = true, RunId = id, RunPage = SiteRenderer.RunPage(id), Label = data.Run["label"] as string,
            Started = data.Run["started_utc"] is DateTime t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "",
            Categories = categories, Scores = ranked, Engines = engines, Heat = heat, ConformanceSuites = suites,
            ComparePage = (comparisons ?? SitePages.Comparisons(store)).FirstOrDefault(p => p.DiffRunId == id)?.FileName,
        };
    }

    private static HeatCell Heat(OverviewCell? c, IReadOnlyDictionary<(string, string, string), HeadlineSamples> samples, string? nativeId)
    {
        if (c is null) return new HeatCell("", "—", "na", "", "not run");
        if (c.Outcome != "ok") return new HeatCell(c.EngineId, c.Outcome, "bad", "", c.Message ?? c.Outcome);
        var median = Core.Units.TimeText.Duration(c.MedianNs);
        var burst = samples.TryGetValue((c.Workload, c.Variant, c.EngineId), out var mine) && mine.IsBurst && !c.IsNative;
        // The harness stores no ratio for a burst (fresh instances against native's fresh processes): say so, not "no baseline".
        if (burst && c.RatioToNative is null) return new HeatCell(c.EngineId, median, "heat-unlike", "", $"median {median} for the burst; natively each request is a fresh process, so no ratio (see the serverless page)");
        if (c.RatioToNative is not { } r || nativeId is null) return new HeatCell(c.EngineId, median, "na", "", "no native baseline");
        var like = c.IsNative || (mine is not null && samples.TryGetValue((c.Workload, c.Variant, nativeId), out var native) && mine.HasRegion == native.HasRegion && !burst);
        if (!like) return new HeatCell(c.EngineId, Core.Units.TimeText.Ratio(r) + "*", "heat-unlike", "",
            burst ? $"median {median}; fresh instances over native's fresh processes: not comparable" : $"median {median}; execute phase over native's bench region: not comparable");
        // Green at native speed through yellow (10×) to red (100× and beyond).
        var hue = Math.Clamp(120 - 60 * Math.Log10(Math.Max(r, 1e-9)), 0, 120);
        return new HeatCell(c.EngineId, Core.Units.TimeText.Ratio(r), "heat", $"hsl({hue:0}, 70%, 82%)", $"median {median}, {Core.Units.TimeText.Ratio(r)} native");
    }

    private static string RateText(List<ConformanceRate> rates, string suite, string engineId, string family)
    {
        // Conformance names engines by runtime (wasmtime, node-20…): the configuration's own id first, then its family.
        var r = rates.FirstOrDefault(x => x.Suite == suite && x.Engine == engineId)
                ?? rates.FirstOrDefault(x => x.Suite == suite && engineId.StartsWith(x.Engine, StringComparison.Ordinal))
                ?? rates.FirstOrDefault(x => x.Suite == suite && x.Engine == family);
        return r?.Rate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.0}% ({r.Passed}/{r.Passed + r.Failed})") : "—";
    }

    private static List<ConformanceRate> ReadConformance(ObservatoryStore store)
    {
        var ready = store.Scalar<long>("SELECT count(*) FROM duckdb_views() WHERE view_name = 'conformance_summary'") > 0
                    && store.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'conformance_runs'") > 0;
        return ready ? store.Rows<ConformanceRate>(ConformanceRate.Sql) : [];
    }
}
