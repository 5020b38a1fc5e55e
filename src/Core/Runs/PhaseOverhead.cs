namespace Observatory.Core.Runs;

/// <summary>
/// What the harness and engine cost when the module does nothing: the medians of the
/// noop workload's phases on one engine in one run. Region is the cost of the
/// bench.start/bench.end calls themselves; Total is a cold process end to end
/// (process start, runtime start, compile, exit). A result within a few of these is
/// measuring the harness, not the runtime.
/// </summary>
public sealed record PhaseOverhead
{
    public required string Engine { get; init; }
    public double? CompileNs { get; init; }
    public double? InstantiateNs { get; init; }
    public double? ExecuteNs { get; init; }
    public double? RegionNs { get; init; }
    public double? TotalNs { get; init; }
    public double? CpuNs { get; init; }
    public double? PeakRssKb { get; init; }
}
