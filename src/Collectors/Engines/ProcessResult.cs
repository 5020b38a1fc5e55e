using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines;

/// <summary>
/// What one engine process produced: its iterations, how long the whole process
/// took (the cold-start number), its peak RSS, and, when the process itself failed
/// (crash, timeout), that outcome with its stderr tail; and any driver-protocol line it could not read.
/// </summary>
public sealed record ProcessResult
{
    public required IReadOnlyList<IterationResult> Iterations { get; init; }
    public long TotalNs { get; init; }
    public long? PeakRssKb { get; init; }
    public Outcome? ProcessFailure { get; init; }
    public string? FailureMessage { get; init; }
    public string StderrTail { get; init; } = "";
    /// <summary>
    /// Lines of the driver protocol this process printed that could not be read, each with its
    /// text (<see cref="Processes.DriverProtocol.ProtocolError"/>): shown in the failure message and logged.
    /// </summary>
    public IReadOnlyList<string> ProtocolErrors { get; init; } = [];
}
