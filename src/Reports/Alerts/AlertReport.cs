namespace Observatory.Reports.Alerts;

/// <summary>What `alerts` found: the regressions, and how much history they were judged against.</summary>
public sealed record AlertReport
{
    public required IReadOnlyList<RegressionAlert> Alerts { get; init; }
    /// <summary>The runs judged (newest of each machine class, or every run after --since).</summary>
    public required IReadOnlyList<string> NewRuns { get; init; }
    /// <summary>Series with a new run: how many were judged, and how many had no earlier run on their machine class.</summary>
    public required int SeriesJudged { get; init; }
    public required int SeriesWithoutHistory { get; init; }
    public required double Threshold { get; init; }
    public required double Alpha { get; init; }
}
