using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.JavaScript;

/// <summary>
/// A JavaScript runtime binary and how to drive it: how to ask its version, how to pass
/// engine (V8 / JSC) tier settings, how to run the driver script. One per family.
/// </summary>
public sealed record JsRuntime(string Family, string Binary, string Source)
{
    /// <summary>The runtime's own version and its JS engine's (V8 or WebKit/JSC revision), asked from the binary.</summary>
    public (string Version, string EngineVersion)? Probe(IReadOnlyList<string> tierArgs, IReadOnlyDictionary<string, string> tierEnv, out string reason)
    {
        var (args, script) = Family switch
        {
            "deno" => ((IReadOnlyList<string>)["eval", "--no-config", .. tierArgs], "console.log(Deno.version.deno + ' ' + Deno.version.v8)"),
            "bun" => ([.. tierArgs, "-e"], "console.log(Bun.version + ' ' + process.versions.webkit)"),
            _ => ([.. tierArgs, "-p"], "process.versions.node + ' ' + process.versions.v8"),
        };
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = Binary,
            Arguments = [.. args, script],
            Environment = tierEnv,
            Timeout = TimeSpan.FromSeconds(30),
        });
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
    /// </summary>
    public static readonly IReadOnlyList<string> HarnessV8Flags = ["--expose-gc", "--single-threaded-gc"];
}
