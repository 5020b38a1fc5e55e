using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Node;

/// <summary>
/// V8 through a Node.js binary, running <c>drivers/js-wasi-driver.mjs</c> on
/// <c>node:wasi</c>. A tier is a set of V8 flags (default, --liftoff-only, --no-liftoff).
/// </summary>
public sealed class NodeEngine(EngineEnvironment env, string nodePath, string version, string v8Version, string tier, IReadOnlyList<string> v8Flags, string source) : DriverEngine
{
    public override EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"node-{version}/{tier}",
        Family = "node",
        Version = version,
        Tier = tier,
        Flags = [$"v8={v8Version}", .. v8Flags, .. HarnessFlags.Skip(1)],
        Source = source,
        Status = EngineStatus.Ready,
    };

    /// <summary>
    /// Flags the harness itself needs. --expose-gc lets the driver collect between
    /// iterations. --single-threaded-gc: Node 20 and 22 segfault here (deterministically)
    /// when concurrent GC threads run after a module has used tens of MB of linear memory;
    /// wasm code allocates nothing on the JS heap, so this costs wasm timings nothing.
    /// </summary>
    public static readonly IReadOnlyList<string> HarnessFlags = ["--no-warnings", "--expose-gc", "--single-threaded-gc"];

    protected override ChildProcessSpec CreateSpec(EngineInvocation inv)
    {
        var args = new List<string>(HarnessFlags);
        args.AddRange(v8Flags);
        args.Add(Path.Combine(env.DriverDirectory, "js-wasi-driver.mjs"));
        args.AddRange(WorkerArguments.Encode(inv));
        return new ChildProcessSpec { FileName = nodePath, Arguments = args };
    }

    /// <summary>Asks a node binary for its own version and V8's; null with a reason when it can't answer.</summary>
    public static (string Version, string V8)? Probe(string nodePath, out string reason)
    {
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = nodePath,
            Arguments = ["-p", "process.versions.node + ' ' + process.versions.v8"],
            Timeout = TimeSpan.FromSeconds(20),
        });
        var parts = r.Stdout.Trim().Split(' ');
        if (r.ExitCode != 0 || parts.Length != 2 || !char.IsDigit(parts[0].FirstOrDefault()))
        {
            reason = $"'{nodePath} -p process.versions' exited {r.ExitCode}: {(r.Stdout + r.Stderr).Trim()}";
            return null;
        }
        reason = "";
        return (parts[0], parts[1]);
    }
}
