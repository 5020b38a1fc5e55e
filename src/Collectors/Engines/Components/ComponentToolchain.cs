using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.Components;

/// <summary>
/// Turns a WASI preview1 command module into a WASI 0.2 command component with jco
/// (npm @bytecodealliance/jco, pinned at the repository root): bench imports are folded
/// out first (a component cannot import a core module "bench"), then <c>jco new</c> applies
/// the <c>wasi_snapshot_preview1.command.wasm</c> adapter shipped in jco's package; for V8,
/// <c>jco transpile --instantiation async</c> turns the component into core modules + JS glue.
/// Results are cached by the module's hash: building a component is not part of any phase.
/// </summary>
public sealed class ComponentToolchain(EngineEnvironment env)
{
    public string JcoPackage => Path.Combine(env.NodeModules, "@bytecodealliance", "jco");
    public string Jco => Path.Combine(JcoPackage, "dist", "jco.js");
    public string Adapter => Path.Combine(JcoPackage, "lib", "wasi_snapshot_preview1.command.wasm");

    /// <summary>preview2-shim's Node entry point (jco depends on it; npm may hoist it or nest it under jco).</summary>
    public string? PreviewShim => new[]
        {
            Path.Combine(env.NodeModules, "@bytecodealliance", "preview2-shim"),
            Path.Combine(JcoPackage, "node_modules", "@bytecodealliance", "preview2-shim"),
        }
        .Select(d => Path.Combine(d, "dist", "nodejs", "index.js")).FirstOrDefault(File.Exists);

    public string? Node => PathLookup.Find("node");

    /// <summary>Null when jco, its adapter and node are all here; else what is missing and how to get it.</summary>
    public string? Missing()
    {
        if (Node is null) return "node not on PATH (jco runs on it): apt-get install nodejs";
        if (!File.Exists(Jco)) return $"{Jco} not found: npm ci --ignore-scripts";
        if (!File.Exists(Adapter)) return $"jco's preview1 command adapter {Adapter} not found: npm ci --ignore-scripts";
        return null;
    }

    /// <summary>Keyed by the module's hash and the adapter's, so a new jco adapter makes new components.</summary>
    private string CacheDir(string wasm)
    {
        var dir = Path.Combine(env.EffectiveCacheDirectory, "components", $"{Sha256File.Of(wasm)[..16]}-{Sha256File.Of(Adapter)[..8]}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>The component made from <paramref name="wasm"/>, or null with the reason.</summary>
    // One build at a time in this process (engines and tests may ask for the same module at once);
    // unique temp names + atomic moves keep separate processes safe too.
    private static readonly object BuildLock = new();

    public string? Component(string wasm, out string reason)
    {
        lock (BuildLock) return ComponentLocked(wasm, out reason);
    }

    public string? Transpiled(string wasm, out string reason)
    {
        lock (BuildLock) return TranspiledLocked(wasm, out reason);
    }

    private string? ComponentLocked(string wasm, out string reason)
    {
        reason = Missing() ?? "";
        if (reason.Length > 0) return null;
        var target = Path.Combine(CacheDir(wasm), "component.wasm");
        if (File.Exists(target)) return target;
        var core = new BenchImportFolder(env).Prepare(wasm, out reason);
        if (core is null) return null;
        var tmp = CacheEntry.TempName(target);
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = Node!,
            Arguments = [Jco, "new", core, "--adapt", $"wasi_snapshot_preview1={Adapter}", "-o", tmp],
            Timeout = TimeSpan.FromMinutes(5),
        });
        if (r.ExitCode != 0 || !File.Exists(tmp))
        {
            reason = $"jco new could not make a component of {wasm}: {(r.Stderr + r.Stdout).Trim()}";
            return null;
        }
        File.Move(tmp, target, overwrite: true);
        return target;
    }

    /// <summary>The directory of <c>jco transpile</c> output (component.js + core modules) for <paramref name="wasm"/>, or null with the reason.</summary>
    private string? TranspiledLocked(string wasm, out string reason)
    {
        var component = ComponentLocked(wasm, out reason);
        if (component is null) return null;
        var target = Path.Combine(Path.GetDirectoryName(component)!, "js");
        if (File.Exists(Path.Combine(target, "component.js"))) return target;
        return CacheEntry.Build(target, "component.js", tmp =>
        {
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = Node!,
                Arguments = [Jco, "transpile", component, "-o", tmp, "--instantiation", "async", "--name", "component", "--quiet"],
                Timeout = TimeSpan.FromMinutes(5),
            });
            return r.ExitCode == 0 ? null : $"jco transpile failed for {component}: {(r.Stderr + r.Stdout).Trim()}";
        }, out reason) is null ? null : target;
    }
}
