namespace Observatory.Harness.Commands;

/// <summary>What `portability` was asked: which workloads, which engines on which ISAs, how many processes at once, where to store.</summary>
public sealed record PortabilitySettings
{
    public required WorkloadSelection Selection { get; init; }
    public required string Database { get; init; }
    /// <summary>Engine ids judged on every ISA (default: native and every Node's default tier).</summary>
    public string? Engines { get; init; }
    /// <summary>--arch LIST: the ISAs (default: all, the host's included).</summary>
    public string? Arch { get; init; }
    public string? Profile { get; init; }
    public int? Jobs { get; init; }
    /// <summary>--timeout SECONDS per engine process, before the emulation scale (default 20).</summary>
    public double? TimeoutSeconds { get; init; }
    public bool Json { get; init; }
}
