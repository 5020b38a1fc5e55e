using Observatory.Collectors.Engines.JavaScript;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Components;

/// <summary>
/// The component-model configurations: Wasmtime's component API and V8 via jco transpile,
/// both ready when jco (and its preview1 adapter, and for V8 preview2-shim) are installed.
/// </summary>
public sealed class ComponentProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var tools = new ComponentToolchain(env);
        var missing = tools.Missing();
        var wasmtime = new WasmtimeComponentEngine(env);
        if (missing is not null)
            yield return new UnavailableEngine(wasmtime.Descriptor with { Status = EngineStatus.NotInstalled, Reason = missing });
        else if (WasmtimeProbe.Verify(WasmtimeComponentEngine.Settings) is { } broken)
            yield return new UnavailableEngine(wasmtime.Descriptor with { Status = EngineStatus.Broken, Reason = broken });
        else
            yield return wasmtime;

        var node = tools.Node;
        var probe = node is null ? null : new JsRuntime("node", node, "system").Probe([], new Dictionary<string, string>(), out _);
        if (missing is not null || probe is null || tools.PreviewShim is null)
            yield return new UnavailableEngine(new EngineDescriptor
            {
                Id = "node/jco-component", Family = "node", Version = probe?.Version ?? "", Tier = "jco-component",
                Status = EngineStatus.NotInstalled,
                Reason = missing ?? (probe is null ? "node not on PATH: apt-get install nodejs" : "@bytecodealliance/preview2-shim not found: npm ci --ignore-scripts"),
            });
        else
            yield return new JcoComponentEngine(env, node!, probe.Value.Version, probe.Value.EngineVersion);
    }
}
