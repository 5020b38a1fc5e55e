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
        store.Rows<TrendPoint>(TrendPoint.Sql).GroupBy(r => (r.Workload, r.Variant))
            .Select(g => new WorkloadPage(g.Key.Workload, g.Key.Variant, g.ToList(), workloadsDirectory));

    public static IReadOnlyList<string> Render(ObservatoryStore store, string outDirectory, string? workloadsDirectory = null) =>
        Pages(store, workloadsDirectory).Select(p => SiteTemplates.WriteTo(p, store, outDirectory, p.Title)).ToList();
}
