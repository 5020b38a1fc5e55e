namespace Observatory.Harness.Commands;

/// <summary>
/// What `run` was asked: which workloads (or one ad-hoc module) on which engines, how to sample, where to store.
/// Sampling values are null when not given, so the profile's defaults apply and the run records what the user chose.
/// </summary>
public sealed record RunSettings
{
    public required WorkloadSelection Selection { get; init; }
    public required string Database { get; init; }
    public string? Engines { get; init; }
    /// <summary>--arch LIST: the ISAs whose engines --engines selects from (default: the host's own).</summary>
    public string? Arch { get; init; }
    /// <summary>--ab BASE,HEAD: an A/B run of two engines, interleaved A B B A (instead of --engines).</summary>
    public string? Ab { get; init; }
    /// <summary>--reference ENGINE: the engine samples are normalized by (default native).</summary>
    public string? Reference { get; init; }
    public string? Profile { get; init; }
    public string? Label { get; init; }
    /// <summary>--shard I/N: only the I-th of N round-robin parts of the selected workloads (CI jobs in parallel).</summary>
    public string? Shard { get; init; }
    public bool Json { get; init; }
    /// <summary>--wide: the full summary table instead of the 120-column one.</summary>
    public bool Wide { get; init; }
    /// <summary>--no-sandbox: engine processes on the host, not in bubblewrap; needed for --wasm when bubblewrap is missing.</summary>
    public bool NoSandbox { get; init; }
    public bool Strict { get; init; }

    // Bring your own module.
    public string? Wasm { get; init; }
    public string? Stdin { get; init; }
    public string? Dir { get; init; }
    public string? ExpectStdout { get; init; }
    public string? ExpectStderr { get; init; }
    /// <summary>--name NAME: the workload name of a single --wasm module (default: from its file or directory name).</summary>
    public string? Name { get; init; }
    /// <summary>--compare lines|bytes: how outputs meet expected files (default lines for Sightglass directories, else bytes).</summary>
    public string? Compare { get; init; }
    public IReadOnlyList<string> ModuleArguments { get; init; } = [];

    // Sampling.
    public double? CiTarget { get; init; }
    public double? BudgetSeconds { get; init; }
    public int? MinProcesses { get; init; }
    public int? MaxProcesses { get; init; }
    public int? Iterations { get; init; }
    public int? Warmup { get; init; }
    public string? Pin { get; init; }
    public string? Measure { get; init; }
    public bool NoOverhead { get; init; }
}
