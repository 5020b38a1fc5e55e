namespace Observatory.Core.Environment;

/// <summary>
/// Where a result was measured. Results with different fingerprints are never
/// silently compared; <see cref="Id"/> is a hash of the fields that change numbers.
/// Environment variables are never stored unless allow-listed (<see cref="Variables"/>).
/// Besides the machine it records what ran on it: compilers (<see cref="Toolchain"/>),
/// runtimes with their tiers and flags (<see cref="Runtimes"/>), the exact workload
/// bytes and arguments (<see cref="Workloads"/>) and CPU pinning.
/// </summary>
public sealed record Fingerprint
{
    public required string Id { get; init; }
    public required string Hostname { get; init; }
    public required string CpuModel { get; init; }
    public required IReadOnlyList<string> CpuFlags { get; init; }
    public required int LogicalCores { get; init; }
    public required long MemoryKb { get; init; }
    public required string Kernel { get; init; }
    public required string Arch { get; init; }
    public required string Os { get; init; }
    public required string Virtualization { get; init; }
    public string? Governor { get; init; }
    public string DotnetVersion { get; init; } = "";
    public IReadOnlyDictionary<string, string> Toolchain { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    /// <summary>Engine id to "version VERSION tier TIER flags FLAGS".</summary>
    public IReadOnlyDictionary<string, string> Runtimes { get; init; } = new Dictionary<string, string>();
    /// <summary>"workload/variant" to "wasm SHA256 native SHA256 args ARGS": what exactly was measured.</summary>
    public IReadOnlyDictionary<string, string> Workloads { get; init; } = new Dictionary<string, string>();
    /// <summary>CPU list the engine processes were pinned to, or null when not pinned.</summary>
    public string? Pinning { get; init; }
}
