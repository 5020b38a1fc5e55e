using System.Runtime.InteropServices;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// The slice of Wasmtime's own C API (wasmtime.h, in the libwasmtime that the NuGet
/// Wasmtime package ships) that the spec runner needs beyond the .NET wrapper: the
/// wrapper cannot pass or inspect GC references (anyref, structref, arrayref, i31ref,
/// exnref) and aborts the process on them, so spec assertions about them need the C API.
/// Layouts follow wasmtime/val.h and wasmtime/extern.h (values are 32 bytes: kind + 24-byte union).
/// </summary>
internal static class WasmtimeNative
{
    private const string Lib = "wasmtime";

    public const byte KindI32 = 0, KindI64 = 1, KindF32 = 2, KindF64 = 3, KindV128 = 4, KindFuncRef = 5, KindExternRef = 6, KindAnyRef = 7, KindExnRef = 8;
    public const byte ExternFunc = 0, ExternGlobal = 1, ExternTable = 2, ExternMemory = 3, ExternSharedMemory = 4;
    public const byte TrapStackOverflow = 0;

    /// <summary>The 24-byte payload of a value or extern (store id + private fields), passed by reference as the C API expects.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Payload
    {
        public ulong A, B, C;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Val
    {
        public byte Kind;
        private byte _p1, _p2, _p3, _p4, _p5, _p6, _p7;
        public Payload Of;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Extern
    {
        public byte Kind;
        private byte _p1, _p2, _p3, _p4, _p5, _p6, _p7;
        public Payload Of;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct Instance
    {
        public ulong StoreId;
        public UIntPtr Private;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct ByteVec
    {
        public UIntPtr Size;
        public IntPtr Data;
    }

    [DllImport(Lib)] public static extern IntPtr wasm_config_new();
    [DllImport(Lib)] public static extern IntPtr wasm_engine_new_with_config(IntPtr config);
    [DllImport(Lib)] public static extern void wasm_engine_delete(IntPtr engine);

    [DllImport(Lib)] public static extern void wasmtime_config_wasm_simd_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_relaxed_simd_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_bulk_memory_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_reference_types_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_multi_value_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_multi_memory_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_memory64_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_tail_call_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_function_references_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_gc_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_exceptions_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_threads_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_wide_arithmetic_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_custom_page_sizes_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_wasm_branch_hinting_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_shared_memory_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_parallel_compilation_set(IntPtr c, [MarshalAs(UnmanagedType.U1)] bool v);
    [DllImport(Lib)] public static extern void wasmtime_config_max_wasm_stack_set(IntPtr c, UIntPtr size);
    [DllImport(Lib)] public static extern void wasmtime_config_cranelift_opt_level_set(IntPtr c, byte level);

    [DllImport(Lib)] public static extern IntPtr wasmtime_store_new(IntPtr engine, IntPtr data, IntPtr finalizer);
    [DllImport(Lib)] public static extern IntPtr wasmtime_store_context(IntPtr store);
    [DllImport(Lib)] public static extern void wasmtime_store_delete(IntPtr store);

    [DllImport(Lib)] public static extern IntPtr wasmtime_module_new(IntPtr engine, byte[] wasm, UIntPtr len, out IntPtr module);
    [DllImport(Lib)] public static extern void wasmtime_module_delete(IntPtr module);

    [DllImport(Lib)] public static extern IntPtr wasmtime_linker_new(IntPtr engine);
    [DllImport(Lib)] public static extern void wasmtime_linker_delete(IntPtr linker);
    [DllImport(Lib)] public static extern void wasmtime_linker_allow_shadowing(IntPtr linker, [MarshalAs(UnmanagedType.U1)] bool allow);
    [DllImport(Lib)] public static extern IntPtr wasmtime_linker_define_instance(IntPtr linker, IntPtr ctx, byte[] name, UIntPtr len, ref Instance instance);
    [DllImport(Lib)] public static extern IntPtr wasmtime_linker_instantiate(IntPtr linker, IntPtr ctx, IntPtr module, out Instance instance, out IntPtr trap);

    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)]
    public static extern bool wasmtime_instance_export_get(IntPtr ctx, ref Instance instance, byte[] name, UIntPtr len, out Extern item);

    [DllImport(Lib)] public static extern IntPtr wasmtime_func_call(IntPtr ctx, ref Payload func, [In] Val[] args, UIntPtr nargs, [Out] Val[] results, UIntPtr nresults, out IntPtr trap);
    [DllImport(Lib)] public static extern IntPtr wasmtime_func_type(IntPtr ctx, ref Payload func);
    [DllImport(Lib)] public static extern IntPtr wasm_functype_params(IntPtr type);
    [DllImport(Lib)] public static extern IntPtr wasm_functype_results(IntPtr type);
    [DllImport(Lib)] public static extern void wasm_functype_delete(IntPtr type);
    [DllImport(Lib)] public static extern void wasmtime_global_get(IntPtr ctx, ref Payload global, out Val value);

    [DllImport(Lib)] public static extern void wasmtime_val_unroot(ref Val val);

    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)]
    public static extern bool wasmtime_externref_new(IntPtr ctx, IntPtr data, IntPtr finalizer, out Payload result);
    [DllImport(Lib)] public static extern IntPtr wasmtime_externref_data(IntPtr ctx, ref Payload externref);

    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool wasmtime_anyref_is_i31(IntPtr ctx, ref Payload anyref);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool wasmtime_anyref_is_struct(IntPtr ctx, ref Payload anyref);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool wasmtime_anyref_is_array(IntPtr ctx, ref Payload anyref);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool wasmtime_anyref_is_eqref(IntPtr ctx, ref Payload anyref);

    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool wasmtime_context_has_exception(IntPtr ctx);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool wasmtime_context_take_exception(IntPtr ctx, out Payload exn);

    [DllImport(Lib)] public static extern void wasmtime_error_message(IntPtr error, out ByteVec message);
    [DllImport(Lib)] public static extern void wasmtime_error_delete(IntPtr error);
    [DllImport(Lib)] public static extern void wasm_trap_message(IntPtr trap, out ByteVec message);
    [DllImport(Lib)] public static extern void wasm_trap_delete(IntPtr trap);
    [DllImport(Lib)] [return: MarshalAs(UnmanagedType.U1)] public static extern bool wasmtime_trap_code(IntPtr trap, out byte code);
    [DllImport(Lib)] public static extern void wasm_byte_vec_delete(ref ByteVec vec);

    public static string TakeErrorMessage(IntPtr error)
    {
        wasmtime_error_message(error, out var vec);
        var s = ReadVec(ref vec);
        wasmtime_error_delete(error);
        return s;
    }

    public static string TrapMessage(IntPtr trap)
    {
        wasm_trap_message(trap, out var vec);
        return ReadVec(ref vec);
    }

    private static string ReadVec(ref ByteVec vec)
    {
        var s = vec.Size == 0 ? "" : Marshal.PtrToStringUTF8(vec.Data, (int)vec.Size);
        wasm_byte_vec_delete(ref vec);
        return s.TrimEnd('\0');
    }

    /// <summary>Number of entries of a wasm_valtype_vec_t (size_t size; wasm_valtype_t** data).</summary>
    public static int VecSize(IntPtr vec) => vec == IntPtr.Zero ? 0 : (int)Marshal.ReadIntPtr(vec);
}
