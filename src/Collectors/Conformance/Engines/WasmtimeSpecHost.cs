using Observatory.Collectors.Conformance.Spec;
using static Observatory.Collectors.Conformance.Engines.WasmtimeNative;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// Wasmtime in-process (the libwasmtime of the NuGet Wasmtime package) with every
/// WebAssembly feature it implements turned on, driven through its C API so GC and
/// exception references can cross into the harness. One engine per host; one store,
/// linker and "spectest" instance per script.
/// </summary>
public sealed class WasmtimeSpecHost : ISpecHost
{
    private readonly IntPtr _engine;
    private IntPtr _store, _ctx, _linker;
    private readonly List<IntPtr> _modules = [];

    public static IReadOnlyList<string> Features { get; } =
    [
        "simd", "relaxed-simd", "bulk-memory", "reference-types", "multi-value", "multi-memory", "memory64",
        "tail-call", "function-references", "gc", "exceptions", "threads", "wide-arithmetic", "custom-page-sizes", "branch-hinting",
    ];

    public WasmtimeSpecHost()
    {
        var c = wasm_config_new();
        wasmtime_config_wasm_simd_set(c, true);
        wasmtime_config_wasm_relaxed_simd_set(c, true);
        wasmtime_config_wasm_bulk_memory_set(c, true);
        wasmtime_config_wasm_reference_types_set(c, true);
        wasmtime_config_wasm_multi_value_set(c, true);
        wasmtime_config_wasm_multi_memory_set(c, true);
        wasmtime_config_wasm_memory64_set(c, true);
        wasmtime_config_wasm_tail_call_set(c, true);
        wasmtime_config_wasm_function_references_set(c, true);
        wasmtime_config_wasm_gc_set(c, true);
        wasmtime_config_wasm_exceptions_set(c, true);
        wasmtime_config_wasm_threads_set(c, true);
        wasmtime_config_shared_memory_set(c, true);
        wasmtime_config_wasm_wide_arithmetic_set(c, true);
        wasmtime_config_wasm_custom_page_sizes_set(c, true);
        wasmtime_config_wasm_branch_hinting_set(c, true);
        // One worker per core already keeps the cores busy; parallel compilation would only add threads.
        wasmtime_config_parallel_compilation_set(c, false);
        _engine = wasm_engine_new_with_config(c);
        if (_engine == IntPtr.Zero) throw new InvalidOperationException("wasmtime refused the engine configuration");
    }

    public void Reset()
    {
        DisposeStore();
        _store = wasmtime_store_new(_engine, IntPtr.Zero, IntPtr.Zero);
        _ctx = wasmtime_store_context(_store);
        _linker = wasmtime_linker_new(_engine);
        wasmtime_linker_allow_shadowing(_linker, true);
        var spectest = (Inst)Instantiate(Compile(SpectestModule.Binary));
        Register("spectest"u8.ToArray(), spectest);
    }

    private sealed class Mod(IntPtr handle) : ISpecModule
    {
        public IntPtr Handle { get; } = handle;
    }

    private sealed class Inst(Instance handle) : ISpecInstance
    {
        public Instance Handle = handle;
    }

    public ISpecModule Compile(byte[] wasm)
    {
        var err = wasmtime_module_new(_engine, wasm, (UIntPtr)wasm.Length, out var module);
        if (err != IntPtr.Zero) throw new SpecFailure(SpecFailureKind.Rejected, Clean(TakeErrorMessage(err)));
        _modules.Add(module);
        return new Mod(module);
    }

    public ISpecInstance Instantiate(ISpecModule module)
    {
        var err = wasmtime_linker_instantiate(_linker, _ctx, ((Mod)module).Handle, out var inst, out var trap);
        if (err != IntPtr.Zero) throw new SpecFailure(SpecFailureKind.Unlinkable, Clean(TakeErrorMessage(err)));
        if (trap != IntPtr.Zero) throw TrapFailure(trap);
        return new Inst(inst);
    }

    public void Register(byte[] name, ISpecInstance instance)
    {
        var i = (Inst)instance;
        var err = wasmtime_linker_define_instance(_linker, _ctx, name, (UIntPtr)name.Length, ref i.Handle);
        if (err != IntPtr.Zero) throw new SpecFailure(SpecFailureKind.Harness, "register failed: " + Clean(TakeErrorMessage(err)));
    }

    public IReadOnlyList<WasmValue> Invoke(ISpecInstance instance, byte[] field, IReadOnlyList<WasmValue> args)
    {
        var ext = Export(instance, field);
        if (ext.Kind != ExternFunc) throw new SpecFailure(SpecFailureKind.Harness, $"export \"{Name(field)}\" is not a function");
        var type = wasmtime_func_type(_ctx, ref ext.Of);
        int nresults;
        try
        {
            nresults = VecSize(wasm_functype_results(type));
        }
        finally
        {
            wasm_functype_delete(type);
        }
        var results = new Val[nresults];
        // A (ref.null $t) argument does not say which hierarchy $t is in: try any, then func, then extern.
        var attempts = args.Any(a => a.IsReference && a.Ref == RefKind.Null && a.Type == WasmType.AnyRef) ? 3 : 1;
        string? lastError = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var native = new Val[args.Count];
            for (var i = 0; i < args.Count; i++) native[i] = ToNative(args[i], attempt);
            try
            {
                var err = wasmtime_func_call(_ctx, ref ext.Of, native, (UIntPtr)native.Length, results, (UIntPtr)nresults, out var trap);
                if (err != IntPtr.Zero)
                {
                    lastError = Clean(TakeErrorMessage(err));
                    continue;
                }
                if (trap != IntPtr.Zero) throw TrapFailure(trap);
                var list = new WasmValue[nresults];
                for (var i = 0; i < nresults; i++) list[i] = FromNative(ref results[i]);
                return list;
            }
            finally
            {
                for (var i = 0; i < native.Length; i++)
                    if (native[i].Kind == KindExternRef && native[i].Of.A != 0) wasmtime_val_unroot(ref native[i]);
            }
        }
        throw new SpecFailure(SpecFailureKind.Harness, $"cannot call \"{Name(field)}\": {lastError}");
    }

    public WasmValue Get(ISpecInstance instance, byte[] field)
    {
        var ext = Export(instance, field);
        if (ext.Kind != ExternGlobal) throw new SpecFailure(SpecFailureKind.Harness, $"export \"{Name(field)}\" is not a global");
        wasmtime_global_get(_ctx, ref ext.Of, out var v);
        return FromNative(ref v);
    }

    private Extern Export(ISpecInstance instance, byte[] field)
    {
        var i = (Inst)instance;
        if (!wasmtime_instance_export_get(_ctx, ref i.Handle, field, (UIntPtr)field.Length, out var ext))
            throw new SpecFailure(SpecFailureKind.Harness, $"no export named \"{Name(field)}\"");
        return ext;
    }

    private static string Name(byte[] field) => System.Text.Encoding.UTF8.GetString(field);

    private Val ToNative(WasmValue v, int attempt)
    {
        var n = new Val();
        switch (v.Type)
        {
            case WasmType.I32: n.Kind = KindI32; n.Of.A = (uint)v.Lo; break;
            case WasmType.I64: n.Kind = KindI64; n.Of.A = v.Lo; break;
            case WasmType.F32: n.Kind = KindF32; n.Of.A = (uint)v.Lo; break;
            case WasmType.F64: n.Kind = KindF64; n.Of.A = v.Lo; break;
            case WasmType.V128: n.Kind = KindV128; n.Of.A = v.Lo; n.Of.B = v.Hi; break;
            case WasmType.FuncRef:
                if (v.Ref != RefKind.Null) throw new SpecFailure(SpecFailureKind.Unsupported, "function reference arguments are not expressible in scripts");
                n.Kind = KindFuncRef;
                break;
            case WasmType.ExternRef:
                n.Kind = KindExternRef;
                if (v.Ref == RefKind.Extern)
                {
                    // Host id N travels as the externref's data pointer N+1 (never null).
                    if (!wasmtime_externref_new(_ctx, (IntPtr)(v.HostId!.Value + 1), IntPtr.Zero, out n.Of))
                        throw new SpecFailure(SpecFailureKind.Harness, "wasmtime could not allocate an externref");
                }
                break;
            case WasmType.ExnRef: n.Kind = KindExnRef; break;
            case WasmType.AnyRef:
                if (v.Ref == RefKind.Host)
                    throw new SpecFailure(SpecFailureKind.Unsupported, "Wasmtime's C API cannot create a host anyref (ref.host)");
                n.Kind = attempt switch { 0 => KindAnyRef, 1 => KindFuncRef, _ => KindExternRef };
                break;
        }
        return n;
    }

    private WasmValue FromNative(ref Val v)
    {
        switch (v.Kind)
        {
            case KindI32: return WasmValue.I32((uint)v.Of.A);
            case KindI64: return WasmValue.I64(v.Of.A);
            case KindF32: return WasmValue.F32((uint)v.Of.A);
            case KindF64: return WasmValue.F64(v.Of.A);
            case KindV128: return WasmValue.V128(v.Of.A, v.Of.B);
            case KindFuncRef: return new WasmValue(WasmType.FuncRef, Ref: v.Of.A == 0 ? RefKind.Null : RefKind.Func);
            case KindExternRef:
            {
                if (v.Of.A == 0) return new WasmValue(WasmType.ExternRef, Ref: RefKind.Null);
                var data = wasmtime_externref_data(_ctx, ref v.Of);
                wasmtime_val_unroot(ref v);
                return new WasmValue(WasmType.ExternRef, Ref: RefKind.Extern, HostId: data == IntPtr.Zero ? null : (long)data - 1);
            }
            case KindAnyRef:
            {
                if (v.Of.A == 0) return new WasmValue(WasmType.AnyRef, Ref: RefKind.Null);
                // Struct and array first, then eq: in this libwasmtime wasmtime_anyref_is_i31 also answers
                // true for structs and internalized host references. An eqref that is neither is an i31; an
                // anyref outside eq is an internalized host reference whose id the C API cannot tell.
                var kind = wasmtime_anyref_is_struct(_ctx, ref v.Of) ? RefKind.Struct
                    : wasmtime_anyref_is_array(_ctx, ref v.Of) ? RefKind.Array
                    : wasmtime_anyref_is_eqref(_ctx, ref v.Of) ? RefKind.I31
                    : RefKind.Host;
                wasmtime_val_unroot(ref v);
                return new WasmValue(WasmType.AnyRef, Ref: kind);
            }
            case KindExnRef:
            {
                if (v.Of.A == 0) return new WasmValue(WasmType.ExnRef, Ref: RefKind.Null);
                wasmtime_val_unroot(ref v);
                return new WasmValue(WasmType.ExnRef, Ref: RefKind.Exn);
            }
            default:
                throw new SpecFailure(SpecFailureKind.Unsupported, $"unknown wasmtime value kind {v.Kind}");
        }
    }

    private SpecFailure TrapFailure(IntPtr trap)
    {
        try
        {
            var message = Clean(TrapMessage(trap));
            if (wasmtime_context_has_exception(_ctx))
            {
                wasmtime_context_take_exception(_ctx, out _);
                return new SpecFailure(SpecFailureKind.Exception, message);
            }
            if (wasmtime_trap_code(trap, out var code) && code == TrapStackOverflow)
                return new SpecFailure(SpecFailureKind.Exhaustion, message);
            return new SpecFailure(SpecFailureKind.Trap, message);
        }
        finally
        {
            wasm_trap_delete(trap);
        }
    }

    /// <summary>The informative part of a Wasmtime message: the "wasm trap: ..." cause, else its first lines.</summary>
    internal static string Clean(string message)
    {
        var idx = message.IndexOf("wasm trap: ", StringComparison.Ordinal);
        if (idx >= 0)
        {
            var rest = message[(idx + 11)..];
            var nl = rest.IndexOf('\n');
            return (nl < 0 ? rest : rest[..nl]).Trim();
        }
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("wasm backtrace", StringComparison.Ordinal) && !l.StartsWith("note:", StringComparison.Ordinal) && !char.IsDigit(l[0]))
            .Take(3);
        return string.Join(" | ", lines);
    }

    private void DisposeStore()
    {
        if (_linker != IntPtr.Zero) wasmtime_linker_delete(_linker);
        if (_store != IntPtr.Zero) wasmtime_store_delete(_store);
        foreach (var m in _modules) wasmtime_module_delete(m);
        _modules.Clear();
        _linker = _store = _ctx = IntPtr.Zero;
    }

    public void Dispose()
    {
        DisposeStore();
        wasm_engine_delete(_engine);
    }
}
