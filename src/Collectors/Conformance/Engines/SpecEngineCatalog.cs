using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.JavaScript;
using Observatory.Collectors.Engines.WasmC;
using Observatory.Collectors.Engines.Wasmtime;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// Every engine the spec suite can run on, ready or not: the in-process engines of
/// <see cref="InProcessSpecEngines"/> (hosted in conformance workers: Wasmtime, and the
/// wasm.h engine once per library the benchmark side finds, under the same id), every
/// JavaScript runtime through the JS driver, and wabt's spectest-interp.
/// </summary>
public static class SpecEngineCatalog
{
    public static IReadOnlyList<ISpecSuiteEngine> Discover(EngineEnvironment env)
    {
        var list = new List<ISpecSuiteEngine>
        {
            new InProcessSpecEngine("wasmtime", $"wasmtime-{WasmtimeEngine.PackageVersion}", WasmtimeEngine.PackageVersion, env.WorkerAssembly),
        };
        list.AddRange(new WasmCProvider().Discover(env).Select(e => new WasmCSpecEngine(env, e)));
        list.AddRange(JsSpecEngine.Discover(env));
        list.AddRange(BrowserSpecEngine.Discover(env));
        list.Add(new SpectestInterpEngine());
        return list;
    }

    /// <summary>The wasm.h libraries named in an --engines pattern (<c>wasmc:PATH</c>), probed like configured ones.</summary>
    public static IReadOnlyList<ISpecSuiteEngine> AdHoc(EngineEnvironment env, string? pattern) =>
        EngineCatalog.AdHoc(env, pattern).Select(e => (ISpecSuiteEngine)new WasmCSpecEngine(env, e)).ToList();
}
