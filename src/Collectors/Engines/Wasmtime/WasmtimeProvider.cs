using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// The Wasmtime configurations of <see cref="WasmtimeSettings.Standard"/>, each verified by
/// <see cref="WasmtimeProbe"/>: one that fails is listed as broken with Wasmtime's reason.
/// </summary>
public sealed class WasmtimeProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        foreach (var settings in WasmtimeSettings.Standard)
        {
            var failure = WasmtimeProbe.Verify(settings);
            if (failure is null)
                yield return new WasmtimeEngine(env, settings);
            else
                yield return new UnavailableEngine(WasmtimeEngine.DescriptorFor(settings) with { Status = EngineStatus.Broken, Reason = failure });
        }
    }
}
