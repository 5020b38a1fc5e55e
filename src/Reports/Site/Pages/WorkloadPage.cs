using System.Globalization;
using Observatory.Core.Units;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// One workload variant (asv style: one URL per benchmark): what it is (workload.toml), every
/// engine's phases stacked, the sample distributions of its latest run, and its history across
/// every stored run: each engine in each environment its own series, markers where the
/// environment changed (and what changed: machine, toolchain, runtimes), change points, links to
/// the comparisons of consecutive runs.
/// </summary>
/// <remarks>A site passes the history and the run pairs it has already built for every page; alone, the page reads them itself.</remarks>
public sealed class WorkloadPage(string workload, string variant, IReadOnlyList<TrendPoint> points, string? workloadsDirectory,
    TrendHistory? history = null, IReadOnlyList<RunPair>? comparisons = null) : ISitePage
{
    public const double ChartWidth = 560;

    /// <summary>
    /// Runs listed cell by cell in the history table: a year of nightlies on 30 engines is 11,000 rows and
    /// a 4 MB page; the chart above draws every run and downloads.html has every cell.
    /// </summary>
    public const int TableRuns = SiteRenderer.RunPages;

    public string FileName => TrendPages.FileName(workload, variant);
    public string Template => "workload";
    public string Title => $"{workload}/{variant}";

    public object BuildModel(ObservatoryStore store)
    {
        var h = history ?? TrendHistory.Build(points);
        var labels = h.Runs.Select(r => string.IsNullOrEmpty(r.Label) ? r.Id[..Math.Min(15, r.Id.Length)] : r.Label!).ToList();
        var latest = h.Runs.Count > 0 ? h.Runs[^1].Id : points.OrderBy(p => p.StartedUtc).LastOrDefault()?.RunId;
        var args = new { RunId = latest ?? "", Workload = workload, Variant = variant };
        var info = store.Query("SELECT category, language, wasm_bytes, args FROM workloads WHERE run_id = $r AND workload = $w AND variant = $v",
            ("r", latest), ("w", workload), ("v", variant)).FirstOrDefault();
        var manifest = Manifest();
        var order = h.Runs.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var tags = h.Runs.ToDictionary(r => r.Id, r => r.Tag);
        var pairs = (comparisons ?? SitePages.Comparisons(store)).Where(p => order.ContainsKey(p.DiffRunId)).ToList();
        return new WorkloadModel
        {
            Workload = workload, Variant = variant,
            Description = manifest?.Description ?? "",
            Tags = manifest is null ? "" : string.Join(", ", manifest.Tags),
            Category = info?["category"] as string ?? manifest?.Category ?? "",
            Language = info?["language"] as string ?? manifest?.Language ?? "",
            WasmBytes = info?["wasm_bytes"] is { } b ? Convert.ToInt64(b, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture) : "",
            Args = info?["args"] as string ?? "",
            LatestRunId = latest ?? "", LatestRunPage = latest is null ? "" : SiteRenderer.RunPage(latest),
            Phases = latest is null ? [] : Phases(store.Rows<PhaseRow>(PhaseRow.Sql, args)),
            Spread = latest is null ? new SpreadModel() : Spread(store.Rows<SampleSpread>(SampleSpread.Sql, args)),
            Summary = $"{h.Runs.Count} complete run{(h.Runs.Count == 1 ? "" : "s")} in {h.Environments.Count} environment{(h.Environments.Count == 1 ? "" : "s")}.",
            // The figure carries its numbers beside the SVG, for site.js (hover, toggles, zoom).
            ChartSvg = h.Series.Count == 0 ? "" : TrendChart.Figure("trend-chart", h.Series, labels, h.EnvironmentChanges),
            SeriesCount = h.Series.Count,
            Environments = Environments(store, h),
            MinRunsForChangePoints = TrendHistory.MinRunsForChangePoints,
            Changes = h.Changes.Select(c => new ChangeRow(c.Series, c.RunId, TimeText.Duration(c.BeforeNs), TimeText.Duration(c.AfterNs),
                string.Create(CultureInfo.InvariantCulture, $"{(c.AfterNs / c.BeforeNs - 1) * 100:+0.0;-0.0}%"))).ToList(),
            HistoryNote = h.Runs.Count > TableRuns ? $"The newest {TableRuns} of {h.Runs.Count} runs; the chart above shows every run, and downloads.html has every cell." : "",
            History = h.Points.Where(p => order.GetValueOrDefault(p.RunId, -1) >= h.Runs.Count - TableRuns).OrderByDescending(p => order.GetValueOrDefault(p.RunId, -1)).ThenBy(p => p.EngineId, StringComparer.Ordinal)
                .Select(p => new HistoryRow(p.RunId, p.Label ?? "", tags.GetValueOrDefault(p.RunId, "—"), p.EngineId, p.Outcome,
                    TimeText.Duration(p.MedianNs), p.CiLowNs is null ? "" : $"{TimeText.Duration(p.CiLowNs)} – {TimeText.Duration(p.CiHighNs)}", p.MedianNs?.ToString("R", CultureInfo.InvariantCulture) ?? "")).ToList(),
            Compares = pairs.Select(p => new CompareLink(p.FileName, p.BaseRunId, p.DiffRunId)).ToList(),
        };
    }

    private Core.Workloads.WorkloadManifest? Manifest()
    {
        if (workloadsDirectory is null) return null;
        var path = Path.Combine(workloadsDirectory, workload, Core.Workloads.WorkloadManifestLoader.FileName);
        // A store may hold workloads this checkout does not have (ad-hoc modules, renamed ones): no description then.
        try { return File.Exists(path) ? Core.Workloads.WorkloadManifestLoader.Load(path) : null; }
        catch (Exception e) when (e is IOException or FormatException or InvalidOperationException or ArgumentException) { return null; }
    }

    private static IReadOnlyList<PhaseBar> Phases(List<PhaseRow> rows)
    {
        var ok = rows.Where(r => r.Outcome == "ok").ToList();
        double Total(PhaseRow r) => (r.CompileNs ?? 0) + (r.InstantiateNs ?? 0) + (r.HeadlineNs ?? 0);
        var max = ok.Count == 0 ? 1 : Math.Max(1, ok.Max(Total));
        double W(double? v) => Math.Round((v ?? 0) / max * 100, 2);
        return rows.OrderBy(r => r.Outcome == "ok" ? Total(r) : double.MaxValue).Select(r => new PhaseBar(r.EngineId, r.Outcome, r.Message ?? "",
            TimeText.Duration(r.CompileNs), TimeText.Duration(r.InstantiateNs), TimeText.Duration(r.HeadlineNs), TimeText.Duration(r.ColdTotalNs),
            r.PeakRssKb is { } kb ? (kb / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : "",
            W(r.CompileNs), W(r.InstantiateNs), W(r.HeadlineNs),
            Raw(r.CompileNs), Raw(r.InstantiateNs), Raw(r.HeadlineNs))).ToList();
    }

    private static string Raw(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static SpreadModel Spread(List<SampleSpread> rows)
    {
        if (rows.Count == 0) return new SpreadModel();
        var scale = new LogScale(rows.Min(r => r.Min), rows.Max(r => r.Max), ChartWidth);
        // A strip of at most this many dots per engine (evenly spaced ranks) keeps the page small.
        const int strip = 60;
        return new SpreadModel
        {
            Width = ChartWidth,
            Ticks = scale.Ticks(),
            Rows = rows.Select(r => new SpreadRow(r.EngineId, r.N, TimeText.Duration(r.Median), $"{TimeText.Duration(r.Q1)} – {TimeText.Duration(r.Q3)}",
                $"{TimeText.Duration(r.Min)} – {TimeText.Duration(r.Max)}",
                scale.X(r.Min), scale.X(r.Q1), scale.X(r.Median), scale.X(r.Q3), scale.X(r.Max), Math.Max(1, scale.X(r.Q3) - scale.X(r.Q1)),
                Enumerable.Range(0, (int)Math.Min(strip, r.Values.Count)).Select(i => scale.X(r.Values[(int)((long)i * r.Values.Count / Math.Min(strip, r.Values.Count))])).ToList(),
                Raw(r.Median))).ToList(),
        };
    }

    /// <summary>Each environment with what distinguishes it from the one before (machine, kernel, toolchain, runtimes).</summary>
    private static IReadOnlyList<EnvironmentRow> Environments(ObservatoryStore store, TrendHistory h)
    {
        var list = new List<EnvironmentRow>();
        Dictionary<string, object?>? previous = null;
        foreach (var e in h.Environments)
        {
            var f = store.Query("SELECT hostname, cpu_model, kernel, toolchain_json, runtimes_json FROM fingerprints WHERE fingerprint_id = $fp", ("fp", e.FingerprintId)).FirstOrDefault();
            var changed = previous is null || f is null ? "" : string.Join(", ", new[] { ("hostname", "machine"), ("cpu_model", "CPU"), ("kernel", "kernel"), ("toolchain_json", "toolchain"), ("runtimes_json", "runtime versions") }
                .Where(k => !Equals(previous.GetValueOrDefault(k.Item1), f.GetValueOrDefault(k.Item1))).Select(k => k.Item2));
            list.Add(new EnvironmentRow(e.Tag, e.FingerprintId, f?["hostname"] as string ?? "", f?["cpu_model"] as string ?? "", f?["kernel"] as string ?? "", e.Runs,
                previous is null ? "" : changed.Length == 0 ? "other settings" : changed));
            previous = f;
        }
        return list;
    }
}

public sealed record WorkloadModel
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string Description { get; init; } = "";
    public string Tags { get; init; } = "";
    public string Category { get; init; } = "";
    public string Language { get; init; } = "";
    public string WasmBytes { get; init; } = "";
    public string Args { get; init; } = "";
    public string LatestRunId { get; init; } = "";
    public string LatestRunPage { get; init; } = "";
    public IReadOnlyList<PhaseBar> Phases { get; init; } = [];
    public SpreadModel Spread { get; init; } = new();
    public string Summary { get; init; } = "";
    /// <summary>ScottPlot's SVG (numbers and escaped labels only).</summary>
    public string ChartSvg { get; init; } = "";
    public int SeriesCount { get; init; }
    public IReadOnlyList<EnvironmentRow> Environments { get; init; } = [];
    public int MinRunsForChangePoints { get; init; }
    public IReadOnlyList<ChangeRow> Changes { get; init; } = [];
    public IReadOnlyList<HistoryRow> History { get; init; } = [];
    public string HistoryNote { get; init; } = "";
    public IReadOnlyList<CompareLink> Compares { get; init; } = [];
}

/// <summary>Phase medians of one engine; widths are percent of the slowest engine's total (stacked bar).</summary>
public sealed record PhaseBar(string EngineId, string Outcome, string Message, string Compile, string Instantiate, string Run, string ColdStart, string PeakRss,
    double CompileWidth, double InstantiateWidth, double RunWidth, string CompileNs, string InstantiateNs, string RunNs);

public sealed record SpreadModel
{
    public double Width { get; init; }
    public IReadOnlyList<AxisTick> Ticks { get; init; } = [];
    public IReadOnlyList<SpreadRow> Rows { get; init; } = [];
}

/// <summary>A box (quartiles), whiskers (min, max) and a strip of samples, in pixels on the page's log axis.</summary>
public sealed record SpreadRow(string EngineId, long N, string Median, string Iqr, string Range,
    double MinX, double Q1X, double MedianX, double Q3X, double MaxX, double BoxWidth, IReadOnlyList<double> Dots, string MedianNs);

public sealed record EnvironmentRow(string Tag, string FingerprintId, string Host, string Cpu, string Kernel, int Runs, string Changed);
public sealed record ChangeRow(string Series, string RunId, string Before, string After, string Change);
public sealed record HistoryRow(string RunId, string Label, string Env, string EngineId, string Outcome, string Median, string Ci, string MedianNs);
public sealed record CompareLink(string FileName, string BaseRunId, string DiffRunId);
