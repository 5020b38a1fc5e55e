namespace Observatory.Collectors.Engines;

/// <summary>A directory the module sees: host path mapped to a guest path (WASI preopen).</summary>
public sealed record DirectoryMapping(string Host, string Guest);

/// <summary>
/// Everything an engine needs to run one OS process of samples: the artifact
/// (a .wasm, or a native executable for the native engine), its inputs, and how
/// many iterations to run inside that one process (the first is cold, the rest warm).
/// </summary>
public sealed record EngineInvocation
{
    public required string ArtifactPath { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public string? StdinPath { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<DirectoryMapping> Preopens { get; init; } = [];
    /// <summary>A scratch directory owned by this process: stdout files land here.</summary>
    public required string ScratchDirectory { get; init; }
    public int Iterations { get; init; } = 1;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// What this process's cell may still spend (its sampling budget left). An engine that runs
    /// each iteration as a process of its own (a runtime CLI) stops after the iteration that
    /// reaches it, so an interpreter's slow iterations cannot run a cell far past its budget; the
    /// first iteration always runs. Null: every iteration. A driver's one process ignores it.
    /// </summary>
    public TimeSpan? SpendLimit { get; init; }
    /// <summary>The program name the module sees as argv[0].</summary>
    public string ProgramName { get; init; } = "main.wasm";
    /// <summary>
    /// A burst (serverless) invocation: each iteration compiles once, then runs this many
    /// requests, each in a fresh instance with fresh WASI (natively a fresh process); the
    /// loop is the iteration's region and stdout is the last request's. Null: one run per iteration.
    /// </summary>
    public int? Requests { get; init; }
    /// <summary>
    /// False runs this process outside the OS sandbox, on the engine's own WASI alone: the
    /// sandbox conformance suite's "what would the engine do by itself" half. Default: contained.
    /// </summary>
    public bool OsSandbox { get; init; } = true;
}
