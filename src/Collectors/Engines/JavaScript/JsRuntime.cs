using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.JavaScript;

/// <summary>
/// A JavaScript runtime binary and how to drive it: how to ask its version, how to pass
/// engine (V8 / JSC) tier settings, how to run the driver script. One per family.
/// </summary>
public sealed record JsRuntime(string Family, string Binary, string Source)
{
    /// <summary>qemu-user when the binary is built for another ISA (a foreign Node from npm), else null.</summary>
    public Emulation.QemuUser? Emulator { get; init; }

    /// <summary>The ISA the runtime's code runs on.</summary>
    public string Isa => Emulator?.Target.Isa ?? Core.Engines.InstructionSet.Host;

    /// <summary>The command as it is started: under qemu-user for a foreign binary, unchanged otherwise.</summary>
    public ChildProcessSpec Launch(ChildProcessSpec spec) => Emulator is { } qemu ? qemu.Wrap(spec) : spec;

    /// <summary>The runtime's own version and its JS engine's (V8 or WebKit/JSC revision), asked from the binary.</summary>
    public (string Version, string EngineVersion)? Probe(IReadOnlyList<string> tierArgs, IReadOnlyDictionary<string, string> tierEnv, out string reason)
    {
        // Under emulation V8 takes seconds to start; --version is answered before V8 starts (well under a second)
        // and still shows the loader's message when a cross library is missing. V8's version stays unknown.
        if (Emulator is not null) return ProbeEmulated(out reason);
        var (args, script) = Family switch
        {
            "deno" => ((IReadOnlyList<string>)["eval", "--no-config", .. tierArgs], "console.log(Deno.version.deno + ' ' + Deno.version.v8)"),
            "bun" => ([.. tierArgs, "-e"], "console.log(Bun.version + ' ' + process.versions.webkit)"),
            _ => ([.. tierArgs, "-p"], "process.versions.node + ' ' + process.versions.v8"),
        };
        var r = ChildProcess.Run(Launch(new ChildProcessSpec
        {
            FileName = Binary,
            Arguments = [.. args, script],
            Environment = tierEnv,
            Timeout = TimeSpan.FromSeconds(30),
        }));
        var parts = r.Stdout.Trim().Split(' ');
        if (r.ExitCode != 0 || parts.Length != 2 || !char.IsDigit(parts[0].FirstOrDefault()))
        {
            var said = (r.Stdout + r.Stderr).Trim();
            reason = $"'{Binary} {string.Join(' ', args)} <version script>' exited {r.ExitCode}: {(said.Length > 300 ? said[..300] : said)}";
            return null;
        }
        reason = "";
        return (parts[0], parts[1]);
    }

    private (string Version, string EngineVersion)? ProbeEmulated(out string reason)
    {
        var r = ChildProcess.Run(Launch(new ChildProcessSpec { FileName = Binary, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(60) }));
        var said = r.Stdout.Trim();
        if (r.ExitCode != 0 || !said.StartsWith('v'))
        {
            var all = (r.Stdout + r.Stderr).Trim();
            reason = $"'{Emulator!.Target.QemuName} {Binary} --version' (QEMU_LD_PREFIX={Emulator.Target.Sysroot}) exited {r.ExitCode}: {(all.Length > 300 ? all[..300] : all)}";
            return null;
        }
        reason = "";
        return (said[1..], "");
    }

    /// <summary>The command line that runs the driver: tier flags in the runtime's own syntax, then the script and its options.</summary>
    public IReadOnlyList<string> DriverCommand(string driver, JsTier tier, IReadOnlyList<string> driverArgs) => Family switch
    {
        // -A: the driver reads the module and writes stdout files; --no-config/--no-lock: never pick up a project's deno.json.
        "deno" => ["run", "-A", "--no-config", "--no-lock", "--quiet", $"--v8-flags={string.Join(',', HarnessV8Flags.Concat(tier.V8Flags))}", driver, .. driverArgs],
        "bun" => [driver, .. driverArgs],
        _ => ["--no-warnings", .. HarnessV8Flags, .. tier.V8Flags, driver, .. driverArgs],
    };

    /// <summary>
    /// V8 flags the harness itself needs. --expose-gc lets the driver collect between
    /// iterations. --single-threaded-gc: Node 20 and 22 segfault (deterministically) when
    /// concurrent GC threads run after a module has used tens of MB of linear memory; wasm
    /// code allocates nothing on the JS heap, so this costs wasm timings nothing.
    /// (Bun collects between iterations with Bun.gc(true) instead.)
    /// Node 22's own crash on tpch-q1 (a GC started inside node:wasi's fast-API fd_write) is
    /// not worked around: it is that engine's result (see the Engines README).
    /// </summary>
    public static readonly IReadOnlyList<string> HarnessV8Flags = ["--expose-gc", "--single-threaded-gc"];
}
