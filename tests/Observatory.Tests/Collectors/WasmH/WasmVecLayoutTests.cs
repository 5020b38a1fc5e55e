using Observatory.Collectors.Engines.WasmC;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors.WasmH;

/// <summary>
/// The wasm.h engine on both vector layouts, against libraries of our own (<see cref="FakeWasmHLibraries"/>):
/// the layout is found by what the library writes, not by its exports; vectors the library reads
/// carry WAMR's element count; vectors it returns are counted by it; names lose WAMR's trailing NUL.
/// </summary>
public sealed class WasmVecLayoutTests
{
    private static FakeWasmHLibraries Libs => FakeWasmHLibraries.Shared;

    [Fact]
    public void The_layout_is_the_one_the_library_writes_whatever_it_exports()
    {
        var standard = WasmCApi.Load(Libs.Standard).VecLayout;
        Assert.Equal(WasmVecLayout.Standard, standard.Layout);
        Assert.Contains("no WAMR-only export", standard.Evidence);

        var wamr = WasmCApi.Load(Libs.Wamr).VecLayout;
        Assert.Equal(WasmVecLayout.Wamr, wamr.Layout);
        Assert.Contains("bytes 16..39", wamr.Evidence);
        Assert.Contains("wasm_runtime_get_version", wamr.Evidence);

        // A 16-byte library that exports a WAMR symbol is not taken for WAMR.
        var fooled = WasmCApi.Load(Libs.StandardWithWamrExport).VecLayout;
        Assert.Equal(WasmVecLayout.Standard, fooled.Layout);
        Assert.Contains("the export disagrees", fooled.Evidence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Imports_exports_and_calls_marshal_in_either_layout(bool wamr)
    {
        var api = WasmCApi.Load(wamr ? Libs.Wamr : Libs.Standard);
        using var runtime = new WasmCRuntime(api);
        using var store = runtime.NewStore();
        using var module = store.Compile("\0asm\x01\0\0\0probe"u8);
        // WAMR's vectors here have capacity 2 for 1 import, capacity 4 for 3 exports: reading size would run past them.
        var import = Assert.Single(module.Imports);
        Assert.Equal(("probe", "double"), (import.Module, import.Name));
        Assert.Equal([WasmVal.KindI32], import.Params);
        Assert.Equal([WasmVal.KindI32], import.Results);
        Assert.Equal(["memory", "answer", "_start"], module.Exports);
        using var instance = new WasmCInstance(store, module, _ => new HostFunction("probe", "double", [WasmVal.KindI32], [WasmVal.KindI32], a => a[0] * 2));
        // The library refuses argument vectors whose num_elems is not 1 in WAMR's layout.
        Assert.Equal(41, instance.Call(instance.Function("answer"), [new WasmVal { Kind = WasmVal.KindI32, I32 = 20 }]));
        Assert.Equal(wamr ? 65536 + 32768 : 65536, instance.MemoryBytes);
    }

    [Fact]
    public void A_name_loses_one_trailing_nul_and_nothing_else()
    {
        var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(8);
        try
        {
            System.Runtime.InteropServices.Marshal.Copy("_start\0\0"u8.ToArray(), 0, p, 8);
            Assert.Equal("_start", WasmCApi.Name(p, 7));
            Assert.Equal("_start", WasmCApi.Name(p, 6));
            Assert.Equal("_start\0", WasmCApi.Name(p, 8)); // only one NUL is the terminator's
            Assert.Equal("", WasmCApi.Name(p + 6, 1));
        }
        finally
        {
            System.Runtime.InteropServices.Marshal.FreeHGlobal(p);
        }
    }

    [Fact]
    public void A_store_used_from_another_thread_is_refused_before_the_library_sees_it()
    {
        var api = WasmCApi.Load(Libs.Standard);
        using var runtime = new WasmCRuntime(api);
        using var store = runtime.NewStore();
        Exception? seen = null;
        var t = new Thread(() =>
        {
            try { store.Compile("\0asm\x01\0\0\0"u8); }
            catch (Exception e) { seen = e; }
        });
        t.Start();
        t.Join();
        Assert.IsType<InvalidOperationException>(seen);
        Assert.Contains("must stay on one thread", seen!.Message);
        using var owned = store.Compile("\0asm\x01\0\0\0"u8); // the owner still may
    }

    [Fact]
    public void The_store_thread_runs_work_on_one_thread_and_rethrows_its_exceptions()
    {
        using var owner = new WasmCStoreThread(1 << 20);
        var ids = new int[3];
        var threads = Enumerable.Range(0, 3).Select(i => new Thread(() => ids[i] = owner.Run(() => Environment.CurrentManagedThreadId))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.All(ids, id => Assert.Equal(owner.ThreadId, id));
        Assert.Throws<FormatException>(() => owner.Run(() => throw new FormatException("x")));
    }
}
