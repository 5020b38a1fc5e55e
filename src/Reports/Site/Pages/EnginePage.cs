using System.Globalization;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// One engine configuration: every workload's time and ratio to native in the front page's run,
/// the tiers of the same runtime version side by side (Liftoff/TurboFan, Cranelift/Winch/Pulley,
/// BBQ/OMG/IPInt), and which versions and tiers of its family every stored run measured.
/// </summary>
/// <remarks>
/// A site reads the front run, its cells and every family's versions once and passes them to each
/// engine page; alone, the page reads them itself.
/// </remarks>
public sealed class EnginePage(string engineId, string? runId, ReportData? front = null, IReadOnlyList<OverviewCell>? frontCells = null,
    ILookup<string, EngineVersionRow>? versionsByFamily = null) : ISitePage
{
    public string FileName => FileNameFor(engineId);
    public string Template => "engine";
    public string Title => engineId;

    public static string FileNameFor(string engineId) =>
        "engine-" + string.Concat(engineId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".html";

    public object BuildModel(ObservatoryStore store)
    {
        var data = front ?? ReportData.Load(store, runId) ?? throw new InvalidOperationException("an engine page needs a run");
        var id = (string)data.Run["run_id"]!;
        var probe = data.Run.GetValueOrDefault("overhead_workload") as string;
        var cells = frontCells ?? store.Rows<OverviewCell>(OverviewCell.Sql, new { RunId = id, Probe = probe });
        // A cell whose engine has no descriptor row (hand-made bundles) still gets a page.
        var engine = data.Engines.FirstOrDefault(e => (string?)e["engine_id"] == engineId) ?? new Dictionary<string, object?> { ["engine_id"] = engineId };
        var family = engine["family"] as string ?? engineId;
        var version = engine["version"] as string ?? "";
        var siblings = data.Engines.Where(e => e["family"] as string == family && (e["version"] as string ?? "") == version && e["is_native"] is not true)
            .Select(e => (string)e["engine_id"]!).Where(e => cells.Any(c => c.EngineId == e)).Order(StringComparer.Ordinal).ToList();
        NativeRatio? RatioOf(OverviewCell c) =>
            data.RatioFor(data.CellAt(c.Workload, c.Variant, c.EngineId) ?? throw new InvalidOperationException($"no stored cell {c.Workload}/{c.Variant} on {c.EngineId}"));
        string RatioText(OverviewCell c) =>
            c.Outcome != "ok" ? c.Outcome : RatioOf(c) is { } r ? $"{Core.Units.TimeText.Ratio(r.Value)} {r.Caption}" : "";
        // In the tier table a ratio of unlike spans keeps its mark: * = execute phase over native's region.
        string ShortRatio(OverviewCell c) =>
            c.Outcome != "ok" ? c.Outcome : RatioOf(c) is { } r ? Core.Units.TimeText.Ratio(r.Value) + (r.Comparable ? "" : "*") : "";
        var mine = cells.Where(c => c.EngineId == engineId).ToList();
        var byCell = cells.GroupBy(c => (c.Workload, c.Variant, c.EngineId)).ToDictionary(g => g.Key, g => g.First());
        return new EngineModel
        {
            EngineId = engineId, Family = family, Version = version, Tier = engine["tier"] as string ?? "",
            RunId = id, RunPage = SiteRenderer.RunPage(id),
            Workloads = mine.Select(c => new EngineWorkloadRow(c.Workload, c.Variant, TrendPages.FileName(c.Workload, c.Variant), c.Outcome,
                c.Outcome == "ok" ? Core.Units.TimeText.Duration(c.MedianNs) : "", RatioText(c), c.Message ?? "")).ToList(),
            Failures = mine.Where(c => c.Outcome != "ok" && (c.OutputDiff ?? c.StderrTail) is not null)
                .Select(c => new FailureDetail(c.Workload, c.Variant, c.Outcome, c.Message ?? "", c.OutputDiff, c.StderrTail)).ToList(),
            Tiers = siblings,
            TierRows = mine.Select(c => new TierRow(c.Workload, c.Variant,
                siblings.Select(s => byCell.GetValueOrDefault((c.Workload, c.Variant, s)) is { } x ? ShortRatio(x) : "—").ToList())).ToList(),
            Versions = (versionsByFamily?[family] ?? store.Rows<EngineVersionRow>(EngineVersionRow.Sql, new { Family = family }))
                .Select(v => new VersionRow(v.RunId, v.StartedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), v.Label ?? "", v.EngineId, v.Version, v.Tier, v.Ok, v.Failed)).ToList(),
        };
    }
}

public sealed record EngineModel
{
    public string EngineId { get; init; } = "";
    public string Family { get; init; } = "";
    public string Version { get; init; } = "";
    public string Tier { get; init; } = "";
    public string RunId { get; init; } = "";
    public string RunPage { get; init; } = "";
    public IReadOnlyList<EngineWorkloadRow> Workloads { get; init; } = [];
    /// <summary>Failed cells with a diff of their wrong output or the guest's stderr tail.</summary>
    public IReadOnlyList<FailureDetail> Failures { get; init; } = [];
    public IReadOnlyList<string> Tiers { get; init; } = [];
    public IReadOnlyList<TierRow> TierRows { get; init; } = [];
    public IReadOnlyList<VersionRow> Versions { get; init; } = [];
}

public sealed record EngineWorkloadRow(string Workload, string Variant, string TrendPage, string Outcome, string Median, string Ratio, string Message);
public sealed record FailureDetail(string Workload, string Variant, string Outcome, string Message, string? OutputDiff, string? StderrTail);
public sealed record TierRow(string Workload, string Variant, IReadOnlyList<string> Ratios);
public sealed record VersionRow(string RunId, string Started, string Label, string EngineId, string Version, string Tier, long Ok, long Failed);
