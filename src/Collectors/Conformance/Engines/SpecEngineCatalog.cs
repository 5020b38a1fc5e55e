using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Wasmtime;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// Every engine the spec suite can run on, ready or not: the in-process engines of
/// <see cref="InProcessSpecEngines"/> (hosted in conformance workers), JavaScript engines
/// through the JS driver, and wabt's spectest-interp.
/// </summary>
public static class SpecEngineCatalog
{
    public static IReadOnlyList<ISpecSuiteEngine> Discover(EngineEnvironment env)
    {
        var list = new List<ISpecSuiteEngine>();
        foreach (var name in InProcessSpecEngines.Factories.Keys)
        {
            var version = name == "wasmtime" ? WasmtimeEngine.PackageVersion : "";
            list.Add(new InProcessSpecEngine(name, version.Length > 0 ? $"{name}-{version}" : name, version, env.WorkerAssembly));
        }
        list.Add(new NodeSpecEngine(env));
        list.Add(new SpectestInterpEngine());
        return list;
    }
}
