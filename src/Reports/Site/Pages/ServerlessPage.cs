using System.Globalization;
using Observatory.Core.Units;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// Serverless work (workloads of category serverless): cold start split by phase, the burst
/// variants' instances per second (a fresh instance per request; natively a fresh process per
/// request, labelled as such and never divided into a wasm engine's rate), module size against
/// compile time, and what Wizer pre-initialisation and pooling configurations change.
/// </summary>
public sealed class ServerlessPage(string? runId, ReportData? front = null) : ISitePage
{
    public string FileName => "serverless.html";
    public string Template => "serverless";
    public string Title => "Serverless";

    public object BuildModel(ObservatoryStore store)
    {
        var data = front ?? ReportData.Load(store, runId);
        if (data is null) return new ServerlessModel();
        var id = (string)data.Run["run_id"]!;
        var cold = store.Rows<ColdStartRow>(ColdStartRow.Sql, new { RunId = id });
        var bursts = store.Rows<RegionRate>(RegionRate.Sql, new { RunId = id }).Where(r => r.Unit == "instances").ToList();
        var burstVariants = bursts.Select(b => (b.Workload, b.Variant)).ToHashSet();
        var single = cold.Where(c => !burstVariants.Contains((c.Workload, c.Variant))).ToList();
        return new ServerlessModel
        {
            HasRun = true, RunId = id, RunPage = SiteRenderer.RunPage(id),
            ColdStarts = single.Select(c => new ColdStartLine(c.Workload, c.Variant, TrendPages.FileName(c.Workload, c.Variant), c.EngineId, c.Outcome, c.Message ?? "",
                TimeText.Duration(c.CompileNs), TimeText.Duration(c.InstantiateNs), TimeText.Duration(c.ColdExecuteNs), TimeText.Duration(c.ColdTotalNs),
                c.ColdTotalNs?.ToString("R", CultureInfo.InvariantCulture) ?? "", c.PeakRssKb is { } kb ? (kb / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : "")).ToList(),
            Bursts = bursts.Select(b => new BurstLine(b.Workload, b.Variant, TrendPages.FileName(b.Workload, b.Variant), b.EngineId,
                b.IsNative ? "fresh process per request (CGI baseline)" : "fresh instance per request", b.Count ?? 0,
                b.RatePerSecond is { } r ? r.ToString(r >= 100 ? "N0" : "0.0", CultureInfo.InvariantCulture) : "",
                b.RatePerSecond?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                b.Count is > 0 && b.MedianNs is { } m ? TimeText.Duration(m / b.Count.Value) : "")).ToList(),
            Sizes = single.Where(c => !c.IsNative && c.Outcome == "ok" && c.CompileNs is not null && c.WasmBytes is not null)
                .Select(c => new SizeLine(c.Workload, c.Variant, c.EngineId, c.WasmBytes!.Value.ToString("N0", CultureInfo.InvariantCulture), TimeText.Duration(c.CompileNs),
                    TimeText.Duration(c.CompileNs!.Value / c.WasmBytes!.Value * 1024))).ToList(),
            Wizer = Wizer(cold, bursts),
        };
    }

    /// <summary>Each "-wizer" variant beside the variant it snapshots (same name without "-wizer"), per engine.</summary>
    private static IReadOnlyList<WizerLine> Wizer(List<ColdStartRow> cold, List<RegionRate> bursts)
    {
        var lines = new List<WizerLine>();
        foreach (var w in cold.Where(c => c.Variant.Contains("-wizer", StringComparison.Ordinal) && c.Outcome == "ok"))
        {
            var plainVariant = w.Variant.Replace("-wizer", "", StringComparison.Ordinal);
            var plain = cold.FirstOrDefault(c => c.Workload == w.Workload && c.Variant == plainVariant && c.EngineId == w.EngineId && c.Outcome == "ok");
            if (plain is null) continue;
            var burstW = bursts.FirstOrDefault(b => b.Workload == w.Workload && b.Variant == w.Variant && b.EngineId == w.EngineId)?.RatePerSecond;
            var burstP = bursts.FirstOrDefault(b => b.Workload == plain.Workload && b.Variant == plain.Variant && b.EngineId == w.EngineId)?.RatePerSecond;
            var isBurst = burstW is not null || burstP is not null;
            lines.Add(new WizerLine(w.Workload, plainVariant, w.Variant, w.EngineId,
                isBurst ? Rate(burstP) + " /s" : TimeText.Duration(plain.ColdTotalNs), isBurst ? Rate(burstW) + " /s" : TimeText.Duration(w.ColdTotalNs),
                isBurst ? (burstW is { } a && burstP is { } b && b > 0 ? TimeText.Ratio(a / b) + " the rate" : "")
                        : (w.ColdTotalNs is { } x && plain.ColdTotalNs is { } y && y > 0 ? TimeText.Ratio(x / y) + " the cold start" : "")));
        }
        return lines;
    }

    private static string Rate(double? r) => r?.ToString("N0", CultureInfo.InvariantCulture) ?? "—";
}

public sealed record ServerlessModel
{
    public bool HasRun { get; init; }
    public string RunId { get; init; } = "";
    public string RunPage { get; init; } = "";
    public IReadOnlyList<ColdStartLine> ColdStarts { get; init; } = [];
    public IReadOnlyList<BurstLine> Bursts { get; init; } = [];
    public IReadOnlyList<SizeLine> Sizes { get; init; } = [];
    public IReadOnlyList<WizerLine> Wizer { get; init; } = [];
}

public sealed record ColdStartLine(string Workload, string Variant, string WorkloadPage, string EngineId, string Outcome, string Message,
    string Compile, string Instantiate, string Execute, string Total, string TotalNs, string PeakRss);
public sealed record BurstLine(string Workload, string Variant, string WorkloadPage, string EngineId, string Kind, long Requests, string Rate, string RateValue, string PerRequest);
public sealed record SizeLine(string Workload, string Variant, string EngineId, string WasmBytes, string Compile, string PerKiB);
public sealed record WizerLine(string Workload, string Plain, string Wizer, string EngineId, string Without, string With, string Effect);
