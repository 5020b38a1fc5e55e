using Observatory.Core.Engines;
using Observatory.Core.Environment;

namespace Observatory.Core.Runs;

/// <summary>A workload artifact as it ran: which variant, and the hash of the exact bytes.</summary>
public sealed record WorkloadInfo
{
    public required string Name { get; init; }
    public required string Variant { get; init; }
    public required string Category { get; init; }
    public required string Language { get; init; }
    public required string WasmSha256 { get; init; }
    public string? NativeSha256 { get; init; }
    public long WasmBytes { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
}

/// <summary>
/// Everything about one run: the unit of exchange. Its JSON is run.json in a run
/// bundle; its samples and cells also go to Parquet so SQL can read bundles directly.
/// </summary>
public sealed record RunInfo
{
    public required string RunId { get; init; }
    public string Label { get; init; } = "";
    public required string Profile { get; init; }
    public required DateTimeOffset StartedUtc { get; init; }
    public DateTimeOffset FinishedUtc { get; init; }
    public required Fingerprint Fingerprint { get; init; }
    public IReadOnlyList<EngineDescriptor> Engines { get; init; } = [];
    public IReadOnlyList<WorkloadInfo> Workloads { get; init; } = [];
    public IReadOnlyList<Sample> Samples { get; init; } = [];
    public IReadOnlyList<Cell> Cells { get; init; } = [];
    public string ObservatoryVersion { get; init; } = "";
    /// <summary>How the run sampled (null for runs recorded before protocols were stored).</summary>
    public RunProtocol? Protocol { get; init; }
    /// <summary>Per engine: the harness overhead measured with the noop workload in this run.</summary>
    public IReadOnlyList<PhaseOverhead> Overheads { get; init; } = [];
    /// <summary>Per cell and named region: its median time with CI and, where the work is counted, the rate.</summary>
    public IReadOnlyList<RegionSummary> Regions { get; init; } = [];
    /// <summary><see cref="RunStatus.Complete"/>, or <see cref="RunStatus.Interrupted"/> when a signal stopped sampling.</summary>
    public string Status { get; init; } = RunStatus.Complete;
}
