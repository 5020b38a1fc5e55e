using Observatory.Reports.Site.Pages;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site;

/// <summary>
/// One page per workload variant that any stored run measured (asv style: one URL per
/// benchmark), so every link from any run's page lands (<see cref="WorkloadPage"/>).
/// </summary>
public static class TrendPages
{
    public static string FileName(string workload, string variant) =>
        "trend-" + string.Concat($"{workload}-{variant}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".html";

    /// <summary>The pages of every stored workload variant, all fingerprints.</summary>
    public static IEnumerable<WorkloadPage> Pages(ObservatoryStore store, string? workloadsDirectory = null) =>
        Pages(Histories(store), workloadsDirectory, null);

    /// <summary>The pages of histories already built (a site builds them once: its regressions page reads them too).</summary>
    public static IEnumerable<WorkloadPage> Pages(IEnumerable<WorkloadHistory> histories, string? workloadsDirectory, IReadOnlyList<RunPair>? comparisons) =>
        histories.Select(h => new WorkloadPage(h.Workload, h.Variant, h.Points, workloadsDirectory, h.History, comparisons));

    /// <summary>
    /// Every workload variant's history from one read of the store (all runs, all fingerprints),
    /// change points included; built on <paramref name="threads"/> threads (pure computation).
    /// </summary>
    public static IReadOnlyList<WorkloadHistory> Histories(ObservatoryStore store, int threads = 1)
    {
        var groups = store.Rows<TrendPoint>(TrendPoint.Sql).GroupBy(r => (r.Workload, r.Variant)).Select(g => g.ToList()).ToList();
        return groups.AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, threads))
            .Select(g => new WorkloadHistory(g[0].Workload, g[0].Variant, g, TrendHistory.Build(g))).ToList();
    }

    public static IReadOnlyList<string> Render(ObservatoryStore store, string outDirectory, string? workloadsDirectory = null) =>
        Pages(store, workloadsDirectory).Select(p => SiteTemplates.WriteTo(p, store, outDirectory, p.Title)).ToList();
}

/// <summary>One workload variant's stored cells (every run, interrupted ones included) and the history built from them.</summary>
public sealed record WorkloadHistory(string Workload, string Variant, IReadOnlyList<TrendPoint> Points, TrendHistory History);
