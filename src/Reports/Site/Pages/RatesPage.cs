using System.Globalization;
using Observatory.Core.Units;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// LLM inference and analytics in the units people choose by: tokens/s of prefill and decode,
/// rows/s of the query workloads — every named region with a unit of work, per engine — and each
/// SIMD variant against the scalar variant of the same workload.
/// </summary>
public sealed class RatesPage(string? runId, ReportData? front = null) : ISitePage
{
    public static readonly IReadOnlyList<string> Categories = ["llm", "analytics"];

    public string FileName => "rates.html";
    public string Template => "rates";
    public string Title => "LLM and analytics";

    public object BuildModel(ObservatoryStore store)
    {
        var data = front ?? ReportData.Load(store, runId);
        if (data is null) return new RatesModel();
        var id = (string)data.Run["run_id"]!;
        var rates = store.Rows<RegionRate>(RegionRate.Sql, new { RunId = id })
            .Where(r => r.Unit.Length > 0 && r.Unit != "instances" && (Categories.Contains(r.Category) || r.RatePerSecond is not null)).ToList();
        var groups = rates.GroupBy(r => (r.Category, r.Workload, r.Variant, r.RegionIndex, r.Name, r.Unit))
            .Select(g =>
            {
                var best = g.Max(r => r.RatePerSecond) ?? 0;
                return new RateGroup(g.Key.Category, g.Key.Workload, g.Key.Variant, TrendPages.FileName(g.Key.Workload, g.Key.Variant), g.Key.Name, g.Key.Unit,
                    g.Select(r => new RateLine(r.EngineId, Rate(r.RatePerSecond), r.RatePerSecond?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                        TimeText.Duration(r.MedianNs), r.Count ?? 0, best > 0 && r.RatePerSecond is { } x ? Math.Round(x / best * 100, 1) : 0)).ToList());
            }).ToList();
        return new RatesModel { HasRun = true, RunId = id, RunPage = SiteRenderer.RunPage(id), Groups = groups, Simd = Simd(rates) };
    }

    /// <summary>Each variant whose name says simd beside the workload's other variant (same region, same engine): the rate ratio.</summary>
    private static IReadOnlyList<SimdLine> Simd(List<RegionRate> rates)
    {
        var lines = new List<SimdLine>();
        foreach (var s in rates.Where(r => r.Variant.Contains("simd", StringComparison.OrdinalIgnoreCase) && r.RatePerSecond is > 0))
        {
            var scalar = rates.Where(r => r.Workload == s.Workload && r.EngineId == s.EngineId && r.Name == s.Name && r.RatePerSecond is > 0
                                          && !r.Variant.Contains("simd", StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Variant, StringComparer.Ordinal).FirstOrDefault();
            if (scalar is null) continue;
            lines.Add(new SimdLine(s.Workload, s.Name, s.Unit, s.EngineId, scalar.Variant, s.Variant, Rate(scalar.RatePerSecond), Rate(s.RatePerSecond),
                TimeText.Ratio(s.RatePerSecond!.Value / scalar.RatePerSecond!.Value)));
        }
        return lines;
    }

    private static string Rate(double? r) => r is not { } v ? "" : v.ToString(v >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);
}

public sealed record RatesModel
{
    public bool HasRun { get; init; }
    public string RunId { get; init; } = "";
    public string RunPage { get; init; } = "";
    public IReadOnlyList<RateGroup> Groups { get; init; } = [];
    public IReadOnlyList<SimdLine> Simd { get; init; } = [];
}

public sealed record RateGroup(string Category, string Workload, string Variant, string WorkloadPage, string Region, string Unit, IReadOnlyList<RateLine> Lines);
/// <summary>Width: percent of the fastest engine's rate in the group, for the bar.</summary>
public sealed record RateLine(string EngineId, string Rate, string RateValue, string Median, long Count, double Width);
public sealed record SimdLine(string Workload, string Region, string Unit, string EngineId, string ScalarVariant, string SimdVariant, string Scalar, string SimdRate, string Speedup);
