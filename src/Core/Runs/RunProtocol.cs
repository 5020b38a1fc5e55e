namespace Observatory.Core.Runs;

/// <summary>
/// How a run sampled, recorded with it so numbers can be traced to the protocol that
/// produced them: processes per cell (adaptive between the bounds until the 95% CI of
/// the median is within ±<see cref="CiTarget"/> or <see cref="BudgetSeconds"/> of
/// measured time is spent), iterations per process (the first cold, then warm-ups,
/// then warm samples), CPU pinning, and which measures were taken.
/// </summary>
public sealed record RunProtocol
{
    public int MinProcesses { get; init; }
    public int MaxProcesses { get; init; }
    /// <summary>Iterations per engine process, the cold one included.</summary>
    public int Iterations { get; init; }
    /// <summary>Warm-up iterations after the cold one, left out of statistics.</summary>
    public int WarmupIterations { get; init; }
    public double CiTarget { get; init; }
    public double BudgetSeconds { get; init; }
    public double TimeoutSeconds { get; init; }
    /// <summary>CPU list engine processes were pinned to (taskset), or null when not pinned.</summary>
    public string? PinnedCpus { get; init; }
    public IReadOnlyList<string> Measures { get; init; } = ["time"];
    /// <summary>The workload measured on every engine for harness overhead (noop), or null.</summary>
    public string? OverheadWorkload { get; init; }
    /// <summary>Workloads that sampled with their own bounds (workload.toml [sampling]), e.g. "clang-hello": "iterations=2 min_processes=2".</summary>
    public IReadOnlyDictionary<string, string> WorkloadSampling { get; init; } = new Dictionary<string, string>();
    /// <summary>How engine processes were contained: "bubblewrap", or "off: WHY" (--no-sandbox, bubblewrap missing). Null in runs from before the sandbox.</summary>
    public string? Sandbox { get; init; }
    /// <summary>The engine whose same-round time divides every sample's (<see cref="Sample.Normalized"/>), or null when none ran.</summary>
    public string? Reference { get; init; }
    /// <summary>An A/B run (`run --ab BASE,HEAD`): the two engines, interleaved A B B A; null for an ordinary run.</summary>
    public AbPair? Ab { get; init; }
}

/// <summary>The two engines of an A/B run: head is judged against base.</summary>
public sealed record AbPair(string Base, string Head);
