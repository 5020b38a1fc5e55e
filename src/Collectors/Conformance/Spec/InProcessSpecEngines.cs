using Observatory.Collectors.Conformance.Engines;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The in-process engines the conformance worker can host, by name. A new in-process
/// engine is one <see cref="ISpecHost"/> class plus one line here. "wasmc" is the standard
/// wasm.h API over whichever library the parent names in <see cref="WasmCSpecHost.LibraryEnvironment"/>.
/// </summary>
public static class InProcessSpecEngines
{
    public static IReadOnlyDictionary<string, Func<ISpecHost>> Factories { get; } = new Dictionary<string, Func<ISpecHost>>
    {
        ["wasmtime"] = () => new WasmtimeSpecHost(),
        ["wasmc"] = WasmCSpecHost.FromEnvironment,
    };
}
