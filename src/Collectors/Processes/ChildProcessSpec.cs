namespace Observatory.Collectors.Processes;

/// <summary>How to start one child process and where its streams go.</summary>
public sealed record ChildProcessSpec
{
    public required string FileName { get; init; }
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>When set, the child's stdin is this file; otherwise stdin is empty.</summary>
    public string? StdinPath { get; init; }
    /// <summary>When set, the child's stdout is written to this file; otherwise it is captured in memory.</summary>
    public string? StdoutPath { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// When set (stdout captured in memory), the child is also killed, as timed out, once its stdout has been
    /// silent this long: a process that works through many files gives each the time one process would have had.
    /// </summary>
    public TimeSpan? IdleTimeout { get; init; }
    /// <summary>
    /// Set for every engine process (runs a module): what of the host it may see. It then starts
    /// under <see cref="Processes.Sandbox"/>'s policy. Null for the observatory's own tools (git, clang, version probes).
    /// </summary>
    public SandboxMounts? Sandbox { get; init; }
}
