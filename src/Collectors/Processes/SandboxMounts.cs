namespace Observatory.Collectors.Processes;

/// <summary>
/// What of the host an engine process may see: paths bound read-only (the runtime's own
/// files, the module, its stdin) and the only paths it may write (its scratch and the
/// guest's preopens). Everything else of the host is absent inside the sandbox.
/// <see cref="Contain"/> false runs the process on the host (still dying with its parent):
/// `--no-sandbox`, or the engine's-own-WASI half of the sandbox conformance suite.
/// </summary>
public sealed record SandboxMounts
{
    public IReadOnlyList<string> ReadOnly { get; init; } = [];
    public IReadOnlyList<string> Writable { get; init; } = [];
    public bool Contain { get; init; } = true;

    /// <summary>
    /// The command itself is the sandbox's pid 1 (bwrap --as-pid-1) instead of a child of bwrap's
    /// init. Then reaping bwrap adds the command's CPU time to our RUSAGE_CHILDREN, which is how
    /// native gets its CPU time (through bwrap's init it was lost). Only for the native baseline:
    /// as a namespace's init a process ignores signals it sends itself (kill(getpid(), SIGSEGV)).
    /// </summary>
    public bool AsPid1 { get; init; }

    public SandboxMounts WithReadOnly(params IEnumerable<string?> paths) =>
        this with { ReadOnly = [.. ReadOnly, .. paths.OfType<string>().Where(p => p.Length > 0)] };
}
