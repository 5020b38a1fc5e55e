using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines;

/// <summary>
/// What one engine process produced: its iterations, how long the whole process
/// took (the cold-start number), its peak RSS, and, when the process itself failed
/// (crash, timeout), that outcome with its stderr tail.
/// </summary>
public sealed record ProcessResult
{
    public required IReadOnlyList<IterationResult> Iterations { get; init; }
    public long TotalNs { get; init; }
    public long? PeakRssKb { get; init; }
    public Outcome? ProcessFailure { get; init; }
    public string? FailureMessage { get; init; }
    public string StderrTail { get; init; } = "";
}
