using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site;

/// <summary>
/// What many pages of one site read alike, read once before the pages render: the front run, the
/// pairs of runs compared, every workload variant's history (the workload pages and the regressions
/// page draw from the same change points), the front run's cells and every engine family's versions
/// (the engine pages), and the conformance section of the run pages. Pages then only read what is
/// theirs alone. Everything here is read-only once built, so pages on several threads share it.
/// </summary>
public sealed record SiteData
{
    public required ReportData Front { get; init; }
    public required string? RunId { get; init; }
    public required string? WorkloadsDirectory { get; init; }
    public required bool Synthetic { get; init; }
    public required IReadOnlyList<RunPair> Comparisons { get; init; }
    public required IReadOnlyList<WorkloadHistory> Histories { get; init; }
    public required IReadOnlyList<OverviewCell> FrontCells { get; init; }
    public required ILookup<string, EngineVersionRow> VersionsByFamily { get; init; }
    /// <summary>The run pages' conformance section (it shows the latest runs, the same on every run page), already escaped.</summary>
    public required string ConformanceHtml { get; init; }

    public static SiteData Load(ObservatoryStore store, ReportData front, string? runId, string? workloadsDirectory, bool synthetic, SiteProfile profile, int threads)
    {
        var id = (string)front.Run["run_id"]!;
        var probe = front.Run.GetValueOrDefault("overhead_workload") as string;
        return new SiteData
        {
            Front = front, RunId = runId, WorkloadsDirectory = workloadsDirectory, Synthetic = synthetic,
            Comparisons = profile.Measure("read: run pairs", () => Pages.SitePages.Comparisons(store)),
            Histories = profile.Measure("read: histories", () => TrendPages.Histories(store, threads)),
            FrontCells = profile.Measure("read: front cells", () => store.Rows<OverviewCell>(OverviewCell.Sql, new { RunId = id, Probe = probe })),
            VersionsByFamily = profile.Measure("read: engine versions", () => store.Rows<EngineVersionRow>(EngineVersionRow.SqlAll).ToLookup(v => v.Family, StringComparer.Ordinal)),
            ConformanceHtml = profile.Measure("read: conformance section", () => ConformanceSection.Render(store)),
        };
    }
}
