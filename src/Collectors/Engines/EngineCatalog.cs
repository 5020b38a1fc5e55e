using Observatory.Collectors.Engines.Native;
using Observatory.Collectors.Engines.Node;
using Observatory.Collectors.Engines.Wasmtime;

namespace Observatory.Collectors.Engines;

/// <summary>
/// Every engine configuration this build knows, ready or not. A new runtime is one
/// provider class plus one line here.
/// </summary>
public static class EngineCatalog
{
    public static IReadOnlyList<IEngineProvider> Providers { get; } =
    [
        new NativeProvider(),
        new WasmtimeProvider(),
        new NodeProvider(),
    ];

    public static IReadOnlyList<IEngine> Discover(EngineEnvironment env) =>
        Providers.SelectMany(p => p.Discover(env)).ToList();
}
