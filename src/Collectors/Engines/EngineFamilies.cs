using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Engines.Components;
using Observatory.Collectors.Engines.JavaScript;
using Observatory.Collectors.Engines.Native;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Collectors.Engines.Wabt;
using Observatory.Collectors.Engines.WasmC;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Engines.Worker;

namespace Observatory.Collectors.Engines;

/// <summary>
/// The one registry of engine families, in display order. A new family is one line here: its
/// benchmark provider, its spec engines, its in-process hosts, whichever it has. The benchmark
/// catalog (<see cref="EngineCatalog"/>), the spec catalog (<see cref="SpecEngineCatalog"/>), the
/// worker and the conformance worker all read this list.
/// </summary>
public static class EngineFamilies
{
    public static IReadOnlyList<EngineFamily> All { get; } =
    [
        new("native") { Benchmarks = new NativeProvider() },
        new(WasmtimeEngine.Family)
        {
            Benchmarks = new WasmtimeProvider(), Worker = new WasmtimeWorkerHost(), SpecHost = () => new WasmtimeSpecHost(),
            SpecEngines = env => [new InProcessSpecEngine(WasmtimeEngine.Family, $"wasmtime-{WasmtimeEngine.PackageVersion}", WasmtimeEngine.PackageVersion, env.WorkerAssembly)],
        },
        new(WasmCEngine.Family)
        {
            Benchmarks = new WasmCProvider(), Worker = new WasmCWorkerHost(), SpecHost = WasmCSpecHost.FromEnvironment,
            SpecEngines = env => new WasmCProvider().Discover(env).Select(e => new WasmCSpecEngine(env, e)),
        },
        new("javascript") { Benchmarks = new JsProvider(), SpecEngines = JsSpecEngine.Discover },
        new("spidermonkey") { Benchmarks = new SpiderMonkey.GjsProvider(), SpecEngines = env => [JsSpecEngine.DiscoverGjs(env)] },
        new("browser") { Benchmarks = new Browser.BrowserProvider(), SpecEngines = BrowserSpecEngine.Discover },
        new("wasm2c") { Benchmarks = new Wasm2c.Wasm2cProvider() },
        new("wabt") { Benchmarks = new WabtProvider(), SpecEngines = _ => [new SpectestInterpEngine()] },
        new("runtime-cli") { Benchmarks = new RuntimeCliProvider(), SpecEngines = CliWastSpecEngine.Discover },
        new("components") { Benchmarks = new ComponentProvider() },
        new("node-emulated") { Benchmarks = new Emulation.EmulatedNodeProvider(), SpecEngines = JsSpecEngine.DiscoverEmulated },
        new("wasmtime-emulated") { Benchmarks = new WasmtimeC.WasmtimeCProvider(), SpecEngines = Conformance.Engines.WasmtimeC.WasmtimeCSpecEngine.Discover },
    ];

    /// <summary>The family called <paramref name="name"/>, or null.</summary>
    public static EngineFamily? Named(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>The families that host engines in the worker process.</summary>
    public static IEnumerable<string> WorkerFamilies => All.Where(f => f.Worker is not null).Select(f => f.Name);
}
