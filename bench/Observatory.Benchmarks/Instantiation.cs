using BenchmarkDotNet.Attributes;
using Observatory.Collectors.Engines.WasmC;
using Wt = global::Wasmtime;

namespace Observatory.Benchmarks;

/// <summary>
/// Instantiating an already compiled module (one host import, one memory) in a fresh store,
/// then tearing it down: the per-sample "instantiate" phase of the two in-process layers.
/// </summary>
[MemoryDiagnoser]
public class Instantiation
{
    private Wt.Engine engine = null!;
    private Wt.Module module = null!;
    private Wt.Linker linker = null!;

    private WasmCRuntime runtime = null!;
    private WasmCStore moduleStore = null!;
    private WasmCModule cmodule = null!;
    private readonly HostFunction nop = new("host", "nop", [], [], _ => 0);

    [GlobalSetup]
    public void Setup()
    {
        engine = new Wt.Engine();
        module = Wt.Module.FromBytes(engine, "tiny", TinyModule.Bytes);
        linker = new Wt.Linker(engine);
        linker.DefineFunction("host", "nop", () => { });

        runtime = new WasmCRuntime(WasmCApi.Load(TinyModule.Libwasmtime));
        moduleStore = runtime.NewStore();
        cmodule = moduleStore.Compile(TinyModule.Bytes);
    }

    [Benchmark(Baseline = true, Description = "Wasmtime .NET: Store + Linker.Instantiate")]
    public void Wasmtime()
    {
        using var store = new Wt.Store(engine);
        linker.Instantiate(store, module);
    }

    [Benchmark(Description = "wasm.h: wasm_store_new + wasm_func_new_with_env + wasm_instance_new")]
    public void WasmC()
    {
        using var store = runtime.NewStore();
        using var instance = new WasmCInstance(store, cmodule, _ => nop);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        cmodule.Dispose(); moduleStore.Dispose(); runtime.Dispose();
        linker.Dispose(); module.Dispose(); engine.Dispose();
    }
}
