using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines;

/// <summary>
/// What an engine process running one invocation may see of the host: the module and its
/// stdin, the observatory's own bin directory (drivers, worker) read-only; its scratch and the
/// guest's preopens writable. Engines add their runtime's own files with <see cref="SandboxMounts.WithReadOnly"/>.
/// </summary>
public static class EngineSandbox
{
    public static SandboxMounts For(EngineInvocation inv, EngineEnvironment? env = null) => new()
    {
        ReadOnly = [inv.ArtifactPath, .. Optional(inv.StdinPath), .. Optional(env?.ToolDirectory)],
        Writable = [inv.ScratchDirectory, .. inv.Preopens.Select(d => d.Host)],
        Contain = inv.OsSandbox,
    };

    /// <summary>
    /// The npm package directory holding a runtime binary installed under node_modules
    /// (node_modules/NAME or node_modules/@SCOPE/NAME), or null for a binary elsewhere (/usr/bin/node is already visible).
    /// </summary>
    public static string? NpmPackageOf(string binary, EngineEnvironment env)
    {
        var root = Path.GetFullPath(env.NodeModules) + "/";
        var full = Path.GetFullPath(binary);
        if (!full.StartsWith(root, StringComparison.Ordinal)) return null;
        var parts = full[root.Length..].Split('/');
        var depth = parts[0].StartsWith('@') ? 2 : 1;
        return parts.Length > depth ? Path.Combine(root, string.Join('/', parts.Take(depth))) : null;
    }

    /// <summary>
    /// A runtime CLI's own files: the directory holding the command and, for an installer's
    /// PREFIX/bin layout (~/.wasmedge/bin, ~/.wasmer/bin), its sibling PREFIX/lib. Not the whole prefix: that may be $HOME.
    /// </summary>
    public static IEnumerable<string> InstallOf(string command)
    {
        var full = Path.GetFullPath(command);
        var dir = Path.GetDirectoryName(full)!;
        yield return full;
        yield return dir;
        if (Path.GetFileName(dir) == "bin" && Path.GetDirectoryName(dir) is { } prefix) yield return Path.Combine(prefix, "lib");
    }

    private static IEnumerable<string> Optional(string? p) => p is null || p.Length == 0 ? [] : [p];
}
