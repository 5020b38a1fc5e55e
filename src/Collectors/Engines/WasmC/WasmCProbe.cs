using System.Text.Json.Nodes;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The wasm.h engine's proof of life, run in a worker process at discovery (a probe request), so a
/// library that crashes on load cannot take the observatory down with it.
/// </summary>
public static class WasmCProbe
{
    /// <summary>
    /// (module (import "probe" "double" (func (param i32) (result i32))) (memory (export "memory") 1)
    ///   (func (export "answer") (param i32) (result i32) local.get 0 call 0 i32.const 1 i32.add))
    /// </summary>
    private static readonly byte[] ProbeModule =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x02, 0x10, 0x01, 0x05,
        0x70, 0x72, 0x6f, 0x62, 0x65, 0x06, 0x64, 0x6f, 0x75, 0x62, 0x6c, 0x65, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03,
        0x01, 0x00, 0x01, 0x07, 0x13, 0x02, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x06, 0x61, 0x6e, 0x73, 0x77,
        0x65, 0x72, 0x00, 0x01, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x20, 0x00, 0x10, 0x00, 0x41, 0x01, 0x6a, 0x0b,
    ];

    public const string ProbePrefix = "@probe ";

    /// <summary>The probe module's memory: one 64 KiB page.</summary>
    private const long DeclaredMemoryBytes = 65536;

    /// <summary>
    /// Proves a library is a working wasm.h engine: resolves every symbol, compiles and
    /// instantiates a module importing a host function, calls it (20 doubled plus one is 41)
    /// and prints <c>@probe {"ok":..., "message":..., "version":..., "layout":..., "memoryExtraBytes":...}</c>
    /// to <paramref name="output"/> (the worker's report channel, not stdout, which the library may print to).
    /// </summary>
    public static int Run(string library, TextWriter output)
    {
        var o = new JsonObject { ["library"] = Path.GetFullPath(library) };
        try
        {
            var api = WasmCApi.Load(library);
            o["version"] = WasmCLibraryVersion.Read(api.Handle);
            using var runtime = new WasmCRuntime(api);
            using var store = runtime.NewStore();
            using var module = store.Compile(ProbeModule);
            using var instance = new WasmCInstance(store, module,
                imp => imp is { Module: "probe", Name: "double" } ? new HostFunction("probe", "double", [WasmVal.KindI32], [WasmVal.KindI32], a => a[0] * 2) : null);
            var answer = instance.Function("answer");
            var got = instance.Call(answer, [new WasmVal { Kind = WasmVal.KindI32, I32 = 20 }]);
            // The module declares one page: anything beyond it is the library's own addition.
            var traits = new WasmCLibraryTraits(api.VecLayout, (instance.MemoryBytes ?? DeclaredMemoryBytes) - DeclaredMemoryBytes);
            foreach (var (k, v) in traits.ToJson()) o[k] = v?.DeepClone();
            o["ok"] = got == 41;
            o["message"] = got == 41 ? "" : $"probe module returned {got}, expected 41";
        }
        catch (Exception e) when (e is WasmCLibraryException or WasmCLinkException or WasmCTrapException)
        {
            o["ok"] = false;
            o["message"] = e.Message;
        }
        output.WriteLine(ProbePrefix + o.ToJsonString());
        output.Flush();
        return 0;
    }
}
