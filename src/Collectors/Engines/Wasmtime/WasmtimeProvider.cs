namespace Observatory.Collectors.Engines.Wasmtime;

public sealed class WasmtimeProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        yield return new WasmtimeEngine(env, new WasmtimeSettings("cranelift", "speed"));
    }
}
