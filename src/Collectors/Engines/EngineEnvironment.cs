namespace Observatory.Collectors.Engines;

/// <summary>
/// Where engines look for their runtimes: the repository root (node_modules, pinned
/// npm runtimes) and the directory holding the collectors' driver scripts and the
/// observatory worker.
/// </summary>
public sealed record EngineEnvironment
{
    public required string RepositoryRoot { get; init; }
    public string ToolDirectory { get; init; } = AppContext.BaseDirectory;
    public string DriverDirectory => Path.Combine(ToolDirectory, "drivers");
    /// <summary>The observatory.dll whose hidden `worker` command hosts in-process engines in a child process.</summary>
    public string WorkerAssembly => Path.Combine(ToolDirectory, "observatory.dll");
    /// <summary>
    /// The runtimes config (extra wasm.h libraries, runtime CLIs): $OBSERVATORY_RUNTIMES when set,
    /// else runtimes.toml at the repository root. A missing file means "nothing extra".
    /// </summary>
    public string RuntimesConfigPath { get; init; } =
        Environment.GetEnvironmentVariable("OBSERVATORY_RUNTIMES") is { Length: > 0 } p ? Path.GetFullPath(p) : "";
    public string EffectiveRuntimesConfigPath => RuntimesConfigPath.Length > 0 ? RuntimesConfigPath : Path.Combine(RepositoryRoot, "runtimes.toml");
    /// <summary>
    /// Where engines keep artifacts they derive from a module (components, bench-folded copies),
    /// keyed by content hash: results/engine-cache/ by default (generated, never committed).
    /// </summary>
    public string CacheDirectory { get; init; } = "";
    public string EffectiveCacheDirectory => CacheDirectory.Length > 0 ? CacheDirectory : Path.Combine(RepositoryRoot, "results", "engine-cache");
    /// <summary>node_modules at the repository root, where `npm ci --ignore-scripts` puts the pinned JS runtimes and jco.</summary>
    public string NodeModules => Path.Combine(RepositoryRoot, "node_modules");
}
