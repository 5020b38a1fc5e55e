namespace Observatory.Reports.Site.Pages;

/// <summary>What the overview shows; every number is already text in the shared units.</summary>
public sealed record OverviewModel
{
    public bool HasRun { get; init; }
    public string RunId { get; init; } = "";
    public string RunPage { get; init; } = "";
    public string? Label { get; init; }
    public string Started { get; init; } = "";
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<EngineScoreRow> Scores { get; init; } = [];
    public IReadOnlyList<string> Engines { get; init; } = [];
    public IReadOnlyList<HeatRow> Heat { get; init; } = [];
    public IReadOnlyList<string> ConformanceSuites { get; init; } = [];
    /// <summary>A store with conformance results but no benchmark run: its conformance section, already rendered and escaped.</summary>
    public string ConformanceHtml { get; init; } = "";
    /// <summary>What changed since the previous run on the same machine: the precomputed comparison page, if any.</summary>
    public string? ComparePage { get; init; }
}

/// <summary>A geometric mean of ratios to native with its bootstrap 95% CI, or why there is none.</summary>
/// <remarks>Estimate is the sort key: engines without a score sort last.</remarks>
public sealed record ScoreText(string Text, string Interval, string Title, int Workloads, double Estimate);

public sealed record EngineScoreRow(
    string EngineId, string Family, ScoreText Overall, IReadOnlyList<ScoreText> ByCategory,
    int Ok, int Failed, int NotComparable, string FailedList, IReadOnlyList<string> Conformance)
{
    public string EnginePage => Pages.EnginePage.FileNameFor(EngineId);
}

public sealed record HeatRow(string Workload, string Variant, string Category, string TrendPage, IReadOnlyList<HeatCell> Cells);

/// <summary>A heat-map cell: ratio text and colour, or the failure and its message.</summary>
public sealed record HeatCell(string EngineId, string Text, string Class, string Colour, string Title);
