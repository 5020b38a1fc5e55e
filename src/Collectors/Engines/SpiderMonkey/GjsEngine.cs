using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.SpiderMonkey;

/// <summary>
/// WebAssembly on SpiderMonkey through gjs: <c>drivers/gjs-wasi-driver.mjs</c>, which runs
/// bench-core.mjs with the JS WASI shim over GLib/Gio (host-gjs.mjs). Id <c>gjs-VERSION/default</c>;
/// the flags say the mozjs version, that the clocks are GLib's (microsecond resolution) and
/// that CPU time is the threads' schedstat sum (nanoseconds).
/// </summary>
public sealed class GjsEngine(EngineEnvironment env, GjsRuntime runtime) : DriverEngine
{
    /// <summary>
    /// One tier: gjs offers no switch for SpiderMonkey's wasm compilers (baseline, Ion), so it
    /// runs them as Firefox does, baseline first and Ion in the background.
    /// </summary>
    public const string Tier = "default";

    public override EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"{GjsRuntime.Family}-{runtime.Version}/{Tier}",
        Family = GjsRuntime.Family,
        Version = runtime.Version,
        Tier = Tier,
        Flags = [$"mozjs={runtime.MozjsVersion}", "wasi=js shim (GLib/Gio)", "wasm tiers=baseline then ion (gjs has no switch)",
                 "clock=GLib monotonic (1 us)", "cpu=/proc/self/task/*/schedstat (ns)"],
        Source = $"Debian gjs ({runtime.Binary})",
        Status = EngineStatus.Ready,
    };

    protected override ChildProcessSpec CreateSpec(EngineInvocation inv) => new()
    {
        FileName = runtime.Binary,
        Arguments = runtime.DriverCommand(Path.Combine(env.DriverDirectory, "gjs-wasi-driver.mjs"), WorkerArguments.Encode(inv)),
        Sandbox = EngineSandbox.For(inv, env),
    };
}
