namespace Observatory.Core.Environment;

/// <summary>
/// Where a result was measured. Results with different fingerprints are never
/// silently compared; <see cref="Id"/> is a hash of the fields that change numbers.
/// Environment variables are never stored unless allow-listed (<see cref="Variables"/>).
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
}
