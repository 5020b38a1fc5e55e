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

    public SandboxMounts WithReadOnly(params IEnumerable<string?> paths) =>
        this with { ReadOnly = [.. ReadOnly, .. paths.OfType<string>().Where(p => p.Length > 0)] };
}
