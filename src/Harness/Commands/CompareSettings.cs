namespace Observatory.Harness.Commands;

/// <summary>What `compare` was asked: the runs (BASE, DIFF; fewer = previous/latest), the metric and the verdict rule.</summary>
public sealed record CompareSettings
{
    public required IReadOnlyList<string> Runs { get; init; }
    public required string Database { get; init; }
    public string? Metric { get; init; }
    public double? Threshold { get; init; }
    public double? Alpha { get; init; }
    public string? Workloads { get; init; }
    public string? Engines { get; init; }
    public bool Json { get; init; }
    /// <summary>--markdown: the comparison as a pull-request comment / step summary.</summary>
    public bool Markdown { get; init; }
    /// <summary>--history DIR: read the runs from a Parquet history instead of the database.</summary>
    public string? History { get; init; }
    public bool DatabaseGiven { get; init; }
    public bool AllowDifferentFingerprints { get; init; }
    public bool FailOnSlower { get; init; }
    /// <summary>--ab: judge the head engine of one A/B run against its base (automatic when the one run named is an A/B run).</summary>
    public bool Ab { get; init; }
    /// <summary>--html FILE: also write the comparison as a page in the site's layout.</summary>
    public string? Html { get; init; }
}
