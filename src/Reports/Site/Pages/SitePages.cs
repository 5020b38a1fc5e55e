using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// Every page of the site, in one list: a new page is one class, one template and one line here.
/// </summary>
public static class SitePages
{
    /// <summary>How many comparisons of consecutive runs are precomputed (newest first), like <see cref="SiteRenderer.RunPages"/>.</summary>
    public const int ComparePages = 30;

    /// <summary>The pages of a store without a benchmark run: each says so (conformance results still show).</summary>
    public static IEnumerable<ISitePage> ForEmptyStore(string? runId) => Common(runId);

    public static IEnumerable<ISitePage> For(ObservatoryStore store, ReportData data, string? runId, string? workloadsDirectory)
    {
        foreach (var page in Common(runId)) yield return page;
        // One page per engine configuration of the front page's run (the overview links them).
        foreach (var engine in data.Cells.Select(c => (string)c["engine_id"]!).Distinct()) yield return new EnginePage(engine, runId);
        // Every workload variant of every run: a link from any run page never dangles.
        foreach (var page in TrendPages.Pages(store, workloadsDirectory)) yield return page;
        foreach (var pair in Comparisons(store)) yield return new ComparePage(pair.BaseRunId, pair.DiffRunId);
    }

    /// <summary>The consecutive pairs of runs on one machine whose comparison the site holds.</summary>
    public static IReadOnlyList<RunPair> Comparisons(ObservatoryStore store) => store.Rows<RunPair>(RunPair.Sql, new { Pages = SiteRenderer.RunPages }).Take(ComparePages).ToList();

    private static IEnumerable<ISitePage> Common(string? runId) =>
    [
        new OverviewPage(runId),
        new OverviewPage(runId, "overview.html"),
        new RunsPage(),
        new RegressionsPage(),
        new ConformancePage(),
        new ServerlessPage(runId),
        new RatesPage(runId),
        new EnvironmentPage(),
        new ArchitecturePage(),
    ];
}
