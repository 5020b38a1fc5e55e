using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>A module could not be compiled or linked on this engine (not a crash: the module is unsupported here).</summary>
public sealed class WasmCLinkException(string message) : Exception(message);

/// <summary>A call into wasm ended in a trap; <see cref="ExitCode"/> is set when the trap was WASI proc_exit.</summary>
public sealed class WasmCTrapException(string message, int? exitCode) : Exception(message)
{
    public int? ExitCode { get; } = exitCode;
}

/// <summary>One import of a module: where from, what kind, and for functions the value kinds of its signature.</summary>
public sealed record WasmCImport(string Module, string Name, byte Kind, byte[] Params, byte[] Results);

/// <summary>
/// An engine + store over <see cref="WasmCApi"/>: compile, instantiate with host functions,
/// call exports, read the exported memory. Host functions are <c>wasm_func_new_with_env</c>
/// closures whose env is a GC handle to the <see cref="HostFunction"/>; the trampoline never
/// lets an exception cross into native code (it becomes a trap, or an errno for WASI calls).
/// </summary>
public sealed unsafe class WasmCRuntime : IDisposable
{
    private readonly WasmCApi api;
    private IntPtr engine;

    public WasmCRuntime(WasmCApi api)
    {
        this.api = api;
        engine = api.wasm_engine_new();
        if (engine == IntPtr.Zero) throw new WasmCLibraryException($"wasm_engine_new() returned NULL in {api.LibraryPath}");
    }

    public WasmCApi Api => api;

    public WasmCStore NewStore()
    {
        var store = api.wasm_store_new(engine);
        if (store == IntPtr.Zero) throw new WasmCLibraryException($"wasm_store_new() returned NULL in {api.LibraryPath}");
        return new WasmCStore(api, store);
    }

    public void Dispose()
    {
        if (engine != IntPtr.Zero) api.wasm_engine_delete(engine);
        engine = IntPtr.Zero;
    }
}

/// <summary>
/// A wasm.h store. It belongs to the thread that created it: WAMR allows a store and its objects on
/// one thread only (a second thread hangs), so using it from another thread is refused, loudly,
/// before the library is asked.
/// </summary>
public sealed unsafe class WasmCStore(WasmCApi api, IntPtr handle) : IDisposable
{
    private readonly int ownerThread = Environment.CurrentManagedThreadId;
    private IntPtr handle = handle;

    public IntPtr Handle
    {
        get
        {
            CheckThread();
            return handle;
        }
    }

    public WasmCApi Api => api;

    /// <summary>Throws when called from a thread other than the one that created the store.</summary>
    public void CheckThread()
    {
        if (Environment.CurrentManagedThreadId != ownerThread)
            throw new InvalidOperationException(
                $"wasm.h store created on thread {ownerThread} used from thread {Environment.CurrentManagedThreadId}: a store and its objects must stay on one thread (WAMR hangs otherwise)");
    }

    /// <summary>wasm_module_new: the compile phase. wasm.h gives no reason for a refusal, so the message can only say that.</summary>
    public WasmCModule Compile(ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            var vec = api.Vec((nuint)bytes.Length, (IntPtr)p, 1);
            var m = api.wasm_module_new(Handle, &vec);
            if (m == IntPtr.Zero) throw new WasmCLinkException("wasm_module_new refused the module (invalid, or uses a feature this engine lacks)");
            return new WasmCModule(api, m);
        }
    }

    public void Dispose()
    {
        if (handle != IntPtr.Zero) api.wasm_store_delete(Handle);
        handle = IntPtr.Zero;
    }
}

public sealed unsafe class WasmCModule : IDisposable
{
    private readonly WasmCApi api;

    internal WasmCModule(WasmCApi api, IntPtr handle)
    {
        this.api = api;
        Handle = handle;
        Imports = ReadImports();
        Exports = ReadExports();
    }

    public IntPtr Handle { get; private set; }
    public IReadOnlyList<WasmCImport> Imports { get; }
    public IReadOnlyList<string> Exports { get; }

    private List<WasmCImport> ReadImports()
    {
        WasmVec vec = default;
        api.wasm_module_imports(Handle, &vec);
        var count = api.Count(&vec);
        var list = new List<WasmCImport>((int)count);
        var items = (IntPtr*)vec.Data;
        for (nuint i = 0; i < count; i++)
        {
            var it = items[i];
            var type = api.wasm_importtype_type(it);
            var kind = api.wasm_externtype_kind(type);
            byte[] ps = [], rs = [];
            if (kind == WasmCApi.ExternFunc)
            {
                var ft = api.wasm_externtype_as_functype_const(type);
                ps = Kinds(api.wasm_functype_params(ft));
                rs = Kinds(api.wasm_functype_results(ft));
            }
            list.Add(new WasmCImport(WasmCApi.Name(api.wasm_importtype_module(it)), WasmCApi.Name(api.wasm_importtype_name(it)), kind, ps, rs));
        }
        api.wasm_importtype_vec_delete(&vec);
        return list;
    }

    private byte[] Kinds(WasmVec* types)
    {
        var r = new byte[(int)api.Count(types)];
        for (var i = 0; i < r.Length; i++) r[i] = api.wasm_valtype_kind(((IntPtr*)types->Data)[i]);
        return r;
    }

    private List<string> ReadExports()
    {
        WasmVec vec = default;
        api.wasm_module_exports(Handle, &vec);
        var count = api.Count(&vec);
        var list = new List<string>((int)count);
        for (nuint i = 0; i < count; i++) list.Add(WasmCApi.Name(api.wasm_exporttype_name(((IntPtr*)vec.Data)[i])));
        api.wasm_exporttype_vec_delete(&vec);
        return list;
    }

    public void Dispose()
    {
        if (Handle != IntPtr.Zero) api.wasm_module_delete(Handle);
        Handle = IntPtr.Zero;
    }
}

public sealed unsafe class WasmCInstance : IDisposable, IGuestMemory
{
    private readonly WasmCApi api;
    private readonly WasmCStore store;
    private readonly List<IntPtr> hostFuncs = [];
    private readonly List<GCHandle> bindings = [];
    private readonly Dictionary<string, IntPtr> exportsByName = new(StringComparer.Ordinal);
    private WasmVec exports;
    private IntPtr instance;
    private IntPtr memory;

    /// <summary>
    /// Instantiates <paramref name="module"/>, satisfying each function import with the host
    /// function <paramref name="resolve"/> returns for it. An import it cannot satisfy is a
    /// <see cref="WasmCLinkException"/> naming the import.
    /// </summary>
    public WasmCInstance(WasmCStore store, WasmCModule module, Func<WasmCImport, HostFunction?> resolve)
    {
        api = store.Api;
        this.store = store;
        var imports = new IntPtr[module.Imports.Count];
        try
        {
            for (var i = 0; i < imports.Length; i++)
            {
                var imp = module.Imports[i];
                if (imp.Kind != WasmCApi.ExternFunc)
                    throw new WasmCLinkException($"import {imp.Module}.{imp.Name} is a {KindName(imp.Kind)}; this host provides only functions");
                var fn = resolve(imp) ?? throw new WasmCLinkException($"import {imp.Module}.{imp.Name} is not provided by this host");
                imports[i] = api.wasm_func_as_extern(NewHostFunc(fn));
            }
            fixed (IntPtr* p = imports)
            {
                var vec = api.Vec((nuint)imports.Length, (IntPtr)p, IntPtr.Size);
                IntPtr trap = IntPtr.Zero;
                instance = api.wasm_instance_new(store.Handle, module.Handle, &vec, &trap);
                if (trap != IntPtr.Zero) throw new WasmCTrapException(api.TakeTrapMessage(trap), null);
                if (instance == IntPtr.Zero) throw new WasmCLinkException("wasm_instance_new failed (imports rejected or start function failed)");
            }
            int exportCount;
            fixed (WasmVec* e = &exports)
            {
                api.wasm_instance_exports(instance, e);
                exportCount = (int)api.Count(e);
            }
            var names = module.Exports;
            for (var i = 0; i < exportCount && i < names.Count; i++)
                exportsByName[names[i]] = ((IntPtr*)exports.Data)[i];
            if (exportsByName.TryGetValue("memory", out var m) && api.wasm_extern_kind(m) == WasmCApi.ExternMemory)
                memory = api.wasm_extern_as_memory(m);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private static string KindName(byte k) => k switch { 1 => "global", 2 => "table", 3 => "memory", _ => $"extern kind {k}" };

    public bool HasMemory => memory != IntPtr.Zero;

    /// <summary>Bytes of the exported memory now (it grows), or null when the module exports none.</summary>
    public long? MemoryBytes => memory == IntPtr.Zero ? null : (long)api.wasm_memory_data_size(memory);

    public Span<byte> Bytes
    {
        get
        {
            if (memory == IntPtr.Zero) throw new HostTrapException("the module exports no memory");
            // Re-read every time: memory.grow may move the data.
            var size = api.wasm_memory_data_size(memory);
            return new Span<byte>(api.wasm_memory_data(memory), (int)Math.Min(size, int.MaxValue));
        }
    }

    /// <summary>The exported function called <paramref name="name"/>, or zero.</summary>
    public IntPtr Function(string name) =>
        exportsByName.TryGetValue(name, out var e) && api.wasm_extern_kind(e) == WasmCApi.ExternFunc ? api.wasm_extern_as_func(e) : IntPtr.Zero;

    /// <summary>Calls a function with i32/i64 arguments; returns its first result (0 when it has none).</summary>
    public long Call(IntPtr func, ReadOnlySpan<WasmVal> args)
    {
        store.CheckThread();
        var resultCount = (int)api.wasm_func_result_arity(func);
        var results = stackalloc WasmVal[Math.Max(1, resultCount)];
        fixed (WasmVal* a = args)
        {
            var av = api.Vec((nuint)args.Length, (IntPtr)a, sizeof(WasmVal));
            var rv = api.Vec((nuint)resultCount, (IntPtr)results, sizeof(WasmVal));
            var trap = api.wasm_func_call(func, &av, &rv);
            if (trap != IntPtr.Zero)
            {
                var message = api.TakeTrapMessage(trap);
                throw new WasmCTrapException(message, LastExit);
            }
        }
        if (resultCount == 0) return 0;
        return results[0].Kind == WasmVal.KindI64 ? results[0].I64 : results[0].I32;
    }

    /// <summary>The exit code a host function recorded before trapping (WASI proc_exit).</summary>
    public int? LastExit { get; private set; }

    private sealed class Binding(WasmCInstance owner, HostFunction fn)
    {
        public WasmCInstance Owner { get; } = owner;
        public HostFunction Fn { get; } = fn;
    }

    private IntPtr NewHostFunc(HostFunction fn)
    {
        var type = api.NewFuncType(fn.Params, fn.Results);
        try
        {
            var handle = GCHandle.Alloc(new Binding(this, fn));
            bindings.Add(handle);
            var f = api.wasm_func_new_with_env(store.Handle, type, &Trampoline, GCHandle.ToIntPtr(handle), IntPtr.Zero);
            if (f == IntPtr.Zero) throw new WasmCLinkException($"wasm_func_new_with_env failed for {fn.QualifiedName}");
            hostFuncs.Add(f);
            return f;
        }
        finally
        {
            api.wasm_functype_delete(type);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static IntPtr Trampoline(IntPtr env, WasmVec* args, WasmVec* results)
    {
        var b = (Binding)GCHandle.FromIntPtr(env).Target!;
        var self = b.Owner;
        try
        {
            // The function's own signature gives the counts: the library's vectors may be either layout.
            var n = b.Fn.Params.Length;
            Span<long> a = stackalloc long[n];
            var vals = (WasmVal*)args->Data;
            for (var i = 0; i < n; i++) a[i] = vals[i].Kind == WasmVal.KindI64 ? vals[i].I64 : vals[i].I32;
            long r;
            try
            {
                r = b.Fn.Call(a);
            }
            catch (Exception e) when (e is not HostTrapException && b.Fn.Module == WasiPreview1.ModuleName && b.Fn.Results.Length == 1)
            {
                r = WasiPreview1.ErrnoFor(e);
            }
            if (b.Fn.Results.Length > 0 && results->Data != IntPtr.Zero)
            {
                var o = (WasmVal*)results->Data;
                o[0] = default;
                o[0].Kind = b.Fn.Results[0];
                if (o[0].Kind == WasmVal.KindI64) o[0].I64 = r; else o[0].I32 = (int)r;
                // WAMR's vectors count their elements apart from their capacity.
                if (self.api.Layout == WasmVecLayout.Wamr) results->NumElems = 1;
            }
            return IntPtr.Zero;
        }
        catch (HostTrapException e)
        {
            if (e.ExitCode is not null) self.LastExit = e.ExitCode;
            return self.api.NewTrap(self.store.Handle, e.Message);
        }
        catch (Exception e)
        {
            return self.api.NewTrap(self.store.Handle, $"host function {b.Fn.QualifiedName} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    public void Dispose()
    {
        if (exports.Data != IntPtr.Zero) fixed (WasmVec* e = &exports) api.wasm_extern_vec_delete(e);
        exports = default;
        if (instance != IntPtr.Zero) api.wasm_instance_delete(instance);
        instance = IntPtr.Zero;
        foreach (var f in hostFuncs) api.wasm_func_delete(f);
        hostFuncs.Clear();
        foreach (var h in bindings) h.Free();
        bindings.Clear();
        memory = IntPtr.Zero;
    }
}
