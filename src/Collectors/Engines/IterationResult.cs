using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines;

/// <summary>One iteration inside an engine process, as the engine measured it.</summary>
public sealed record IterationResult
{
    public required int Iteration { get; init; }
    public required Outcome Outcome { get; init; }
    public long? CompileNs { get; init; }
    public long? InstantiateNs { get; init; }
    public long? ExecuteNs { get; init; }
    public long? RegionNs { get; init; }
    /// <summary>Each bench.start/bench.end span in call order; <see cref="RegionNs"/> is their sum.</summary>
    public IReadOnlyList<long>? RegionsNs { get; init; }
    public int? ExitCode { get; init; }
    public string? StdoutSha256 { get; init; }
    public string? StdoutPath { get; init; }
    public string? Message { get; init; }
    /// <summary>CPU time over the region (else execution): steadier than wall time on a shared machine.</summary>
    public long? CpuNs { get; init; }
    /// <summary>Bytes of the exported linear memory ("memory") at exit, where the engine can say.</summary>
    public long? LinearMemoryBytes { get; init; }
}
