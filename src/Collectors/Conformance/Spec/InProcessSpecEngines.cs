using Observatory.Collectors.Conformance.Engines;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The in-process engines the conformance worker can host, by name. A new in-process
/// engine (e.g. the wasm.h one) is one <see cref="ISpecHost"/> class plus one line here.
/// </summary>
public static class InProcessSpecEngines
{
    public static IReadOnlyDictionary<string, Func<ISpecHost>> Factories { get; } = new Dictionary<string, Func<ISpecHost>>
    {
        ["wasmtime"] = () => new WasmtimeSpecHost(),
        ["wasmc"] = WasmCSpecHost.FromEnvironment,
    };
}
