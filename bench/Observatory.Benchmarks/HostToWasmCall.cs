using BenchmarkDotNet.Attributes;
using Observatory.Collectors.Engines.WasmC;
using Wt = global::Wasmtime;

namespace Observatory.Benchmarks;

/// <summary>One call from .NET into an exported wasm function add(i32, i32) -> i32.</summary>
[MemoryDiagnoser]
public class HostToWasmCall
{
    private Wt.Engine engine = null!;
    private Wt.Module module = null!;
    private Wt.Store store = null!;
    private Func<int, int, int> typedAdd = null!;
    private Wt.Function untypedAdd = null!;

    private WasmCRuntime runtime = null!;
    private WasmCStore cstore = null!;
    private WasmCModule cmodule = null!;
    private WasmCInstance cinstance = null!;
    private IntPtr cadd;

    [GlobalSetup]
    public void Setup()
    {
        engine = new Wt.Engine();
        module = Wt.Module.FromBytes(engine, "tiny", TinyModule.Bytes);
        store = new Wt.Store(engine);
        var linker = new Wt.Linker(engine);
        linker.DefineFunction("host", "nop", () => { });
        var instance = linker.Instantiate(store, module);
        typedAdd = instance.GetFunction<int, int, int>("add")!;
        untypedAdd = instance.GetFunction("add")!;

        runtime = new WasmCRuntime(WasmCApi.Load(TinyModule.Libwasmtime));
        cstore = runtime.NewStore();
        cmodule = cstore.Compile(TinyModule.Bytes);
        cinstance = new WasmCInstance(cstore, cmodule, _ => new HostFunction("host", "nop", [], [], _ => 0));
        cadd = cinstance.Function("add");
    }

    [Benchmark(Baseline = true, Description = "Wasmtime .NET typed Func<int,int,int>")]
    public int WasmtimeTyped() => typedAdd(20, 22);

    [Benchmark(Description = "Wasmtime .NET untyped Function.Invoke")]
    public object? WasmtimeUntyped() => untypedAdd.Invoke(20, 22);

    [Benchmark(Description = "wasm.h wasm_func_call (P/Invoke)")]
    public long WasmC() => cinstance.Call(cadd, [new WasmVal { Kind = WasmVal.KindI32, I32 = 20 }, new WasmVal { Kind = WasmVal.KindI32, I32 = 22 }]);

    [GlobalCleanup]
    public void Cleanup()
    {
        cinstance.Dispose(); cmodule.Dispose(); cstore.Dispose(); runtime.Dispose();
        store.Dispose(); module.Dispose(); engine.Dispose();
    }
}
