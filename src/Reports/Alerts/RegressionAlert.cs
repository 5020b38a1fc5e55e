namespace Observatory.Reports.Alerts;

/// <summary>Why a cell is flagged: its newest run is significantly slower than the run before it, or its history shifted up.</summary>
public enum AlertKind { Slower, ChangePoint }

/// <summary>
/// One regression of one series (a cell on one machine class). <see cref="SeriesKey"/> is stable
/// across nightlies, so an issue tracker can be searched for it and never gets a duplicate.
/// </summary>
public sealed record RegressionAlert
{
    public required AlertKind Kind { get; init; }
    public required string Machine { get; init; }
    public required string MachineClass { get; init; }
    public required string Workload { get; init; }
    public required string Variant { get; init; }
    public required string Engine { get; init; }
    /// <summary>The run the regression is in (Slower) or the first run of the new level (ChangePoint).</summary>
    public required string RunId { get; init; }
    /// <summary>The run compared against (Slower) or the last run of the old level (ChangePoint).</summary>
    public required string BaseRunId { get; init; }
    /// <summary>new / old: the ratio of medians (Slower) or of the two levels' means (ChangePoint).</summary>
    public required double Ratio { get; init; }
    public double? CiLow { get; init; }
    public double? CiHigh { get; init; }
    public double? PAdjusted { get; init; }
    public required string Metric { get; init; }
    public required string Detail { get; init; }

    public string SeriesKey => $"{Machine}:{Workload}/{Variant}@{Engine}";
}
