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
}
