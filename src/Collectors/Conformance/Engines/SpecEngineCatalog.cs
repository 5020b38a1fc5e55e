using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// Every engine the spec suite can run on, ready or not: the spec view of <see cref="EngineFamilies"/>
/// (today: Wasmtime in conformance workers, the wasm.h engine once per library the benchmark side
/// finds, under the same id, every JavaScript runtime through the JS driver, wabt's spectest-interp).
/// </summary>
public static class SpecEngineCatalog
{
    public static IReadOnlyList<ISpecSuiteEngine> Discover(EngineEnvironment env) =>
        EngineFamilies.All.Where(f => f.SpecEngines is not null).SelectMany(f => f.SpecEngines!(env)).ToList();

    /// <summary>The wasm.h libraries named in an --engines pattern (<c>wasmc:PATH</c>), probed like configured ones.</summary>
    public static IReadOnlyList<ISpecSuiteEngine> AdHoc(EngineEnvironment env, string? pattern) =>
        EngineCatalog.AdHoc(env, pattern).Select(e => (ISpecSuiteEngine)new WasmCSpecEngine(env, e)).ToList();
}
