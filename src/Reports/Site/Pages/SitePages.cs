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
    public static IEnumerable<SiteJob> ForEmptyStore(string? runId, bool synthetic) => CommonJobs(Common(runId, null, null, null), synthetic);

    /// <summary>
    /// The pages of a store with runs, as jobs for <see cref="SiteJob.RunAll"/>: each page gets what the site
    /// has read once (<see cref="SiteData"/>) and reads only what is its own. The cost orders the work:
    /// the big pages (a year of history, a run's whole matrix, a comparison's statistics) start first.
    /// </summary>
    public static IEnumerable<SiteJob> For(SiteData site)
    {
        foreach (var job in CommonJobs(Common(site.RunId, site.Front, site.Comparisons, site.Histories), site.Synthetic)) yield return job;
        // One page per engine configuration of the front page's run (the overview links them).
        foreach (var engine in site.Front.Cells.Select(c => (string)c["engine_id"]!).Distinct())
            yield return SiteJob.For(new EnginePage(engine, site.RunId, site.Front, site.FrontCells, site.VersionsByFamily), "engine pages", site.Synthetic);
        // Every workload variant of every run: a link from any run page never dangles.
        foreach (var page in TrendPages.Pages(site.Histories, site.WorkloadsDirectory, site.Comparisons))
            yield return SiteJob.For(page, "workload pages", site.Synthetic, 10);
        foreach (var pair in site.Comparisons)
            yield return SiteJob.For(new ComparePage(pair.BaseRunId, pair.DiffRunId), "compare pages", site.Synthetic, 5);
    }

    private static IEnumerable<SiteJob> CommonJobs(IEnumerable<ISitePage> common, bool synthetic) => common.Select(page => page switch
    {
        // The overview is rendered once and written twice: index.html and overview.html (links from older pages keep working).
        OverviewPage => SiteJob.For(page, "overview", synthetic, 2, "overview.html"),
        RegressionsPage => SiteJob.For(page, "regressions", synthetic, 3),
        _ => SiteJob.For(page, "section pages", synthetic),
    });

    /// <summary>The consecutive pairs of runs on one machine whose comparison the site holds.</summary>
    public static IReadOnlyList<RunPair> Comparisons(ObservatoryStore store) => store.Rows<RunPair>(RunPair.Sql, new { Pages = SiteRenderer.RunPages }).Take(ComparePages).ToList();

    private static IEnumerable<ISitePage> Common(string? runId, ReportData? front, IReadOnlyList<RunPair>? comparisons, IReadOnlyList<WorkloadHistory>? histories) =>
    [
        new OverviewPage(runId, "index.html", front, comparisons),
        new RunsPage(comparisons),
        new RegressionsPage(histories),
        new ConformancePage(),
        new ServerlessPage(runId, front),
        new RatesPage(runId, front),
        new EnvironmentPage(),
        new ArchitecturePage(),
    ];
}
