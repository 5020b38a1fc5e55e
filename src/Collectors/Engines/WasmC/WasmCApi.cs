using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>A library that cannot serve as a wasm.h engine: it would not load, or lacks a standard symbol.</summary>
public sealed class WasmCLibraryException(string message) : Exception(message);

/// <summary>
/// wasm.h's <c>wasm_val_t</c>: a one-byte kind, then an 8-byte-aligned union (16 bytes in all).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
public struct WasmVal
{
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public int I32;
    [FieldOffset(8)] public long I64;
    [FieldOffset(8)] public float F32;
    [FieldOffset(8)] public double F64;
    [FieldOffset(8)] public IntPtr Ref;

    public const byte KindI32 = 0, KindI64 = 1, KindF32 = 2, KindF64 = 3, KindAnyRef = 128, KindFuncRef = 129;
}

/// <summary>
/// The standard wasm-c-api (<c>wasm.h</c>) of any shared library that implements it,
/// resolved symbol by symbol from a path given at run time (libwasmtime.so, libwasmer.so,
/// libiwasm.so). Only standard <c>wasm_*</c> symbols live here: nothing runtime-specific,
/// so the same layer measures every implementation. The <c>wasm_functype_new_N_M</c>
/// helpers are header inlines, not exports; function types are built from
/// <c>wasm_valtype_new</c> + <c>wasm_valtype_vec_new</c> + <c>wasm_functype_new</c>.
/// </summary>
public sealed unsafe class WasmCApi
{
    public const byte ExternFunc = 0, ExternGlobal = 1, ExternTable = 2, ExternMemory = 3;

    public string LibraryPath { get; }
    public IntPtr Handle { get; }

    /// <summary>The library's vector layout, found by <see cref="WasmVecLayoutProbe"/> when it was loaded.</summary>
    public WasmVecLayoutFinding VecLayout { get; }
    public WasmVecLayout Layout => VecLayout.Layout;

    public readonly delegate* unmanaged[Cdecl]<IntPtr> wasm_engine_new;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> wasm_engine_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_store_new;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> wasm_store_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, IntPtr> wasm_module_new;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> wasm_module_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void> wasm_module_imports;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void> wasm_module_exports;
    public readonly delegate* unmanaged[Cdecl]<WasmVec*, void> wasm_importtype_vec_delete;
    public readonly delegate* unmanaged[Cdecl]<WasmVec*, void> wasm_exporttype_vec_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*> wasm_importtype_module;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*> wasm_importtype_name;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_importtype_type;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*> wasm_exporttype_name;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte> wasm_externtype_kind;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_externtype_as_functype_const;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*> wasm_functype_params;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*> wasm_functype_results;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte> wasm_valtype_kind;
    public readonly delegate* unmanaged[Cdecl]<byte, IntPtr> wasm_valtype_new;
    public readonly delegate* unmanaged[Cdecl]<WasmVec*, nuint, IntPtr*, void> wasm_valtype_vec_new;
    public readonly delegate* unmanaged[Cdecl]<WasmVec*, void> wasm_valtype_vec_new_empty;
    public readonly delegate* unmanaged[Cdecl]<WasmVec*, WasmVec*, IntPtr> wasm_functype_new;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> wasm_functype_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, WasmVec*, IntPtr>, IntPtr, IntPtr, IntPtr> wasm_func_new_with_env;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> wasm_func_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_func_as_extern;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, WasmVec*, IntPtr> wasm_func_call;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint> wasm_func_param_arity;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint> wasm_func_result_arity;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, WasmVec*, IntPtr*, IntPtr> wasm_instance_new;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> wasm_instance_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void> wasm_instance_exports;
    public readonly delegate* unmanaged[Cdecl]<WasmVec*, void> wasm_extern_vec_delete;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte> wasm_extern_kind;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_extern_as_func;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_extern_as_memory;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*> wasm_memory_data;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint> wasm_memory_data_size;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, IntPtr> wasm_trap_new;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void> wasm_trap_message;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> wasm_trap_delete;
    public readonly delegate* unmanaged[Cdecl]<WasmVec*, void> wasm_byte_vec_delete;

    /// <summary>Every symbol this layer uses: a library missing any of them is not a wasm.h engine.</summary>
    public static IReadOnlyList<string> RequiredSymbols { get; } =
    [
        "wasm_engine_new", "wasm_engine_delete", "wasm_store_new", "wasm_store_delete",
        "wasm_module_new", "wasm_module_delete", "wasm_module_imports", "wasm_module_exports",
        "wasm_importtype_vec_delete", "wasm_exporttype_vec_delete", "wasm_importtype_module", "wasm_importtype_name",
        "wasm_importtype_type", "wasm_exporttype_name", "wasm_externtype_kind", "wasm_externtype_as_functype_const",
        "wasm_functype_params", "wasm_functype_results", "wasm_valtype_kind", "wasm_valtype_new", "wasm_valtype_vec_new",
        "wasm_valtype_vec_new_empty", "wasm_functype_new", "wasm_functype_delete", "wasm_func_new_with_env", "wasm_func_delete",
        "wasm_func_as_extern", "wasm_func_call", "wasm_func_param_arity", "wasm_func_result_arity",
        "wasm_instance_new", "wasm_instance_delete", "wasm_instance_exports", "wasm_extern_vec_delete", "wasm_extern_kind",
        "wasm_extern_as_func", "wasm_extern_as_memory", "wasm_memory_data", "wasm_memory_data_size",
        "wasm_trap_new", "wasm_trap_message", "wasm_trap_delete", "wasm_byte_vec_delete", "wasm_byte_vec_new_uninitialized",
    ];

    private WasmCApi(string path, IntPtr handle)
    {
        LibraryPath = path;
        Handle = handle;
        var missing = RequiredSymbols.Where(s => !NativeLibrary.TryGetExport(handle, s, out _)).ToList();
        if (missing.Count > 0)
            throw new WasmCLibraryException(
                $"{path} is not a wasm.h library: missing {missing.Count} of {RequiredSymbols.Count} standard symbols ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")})");
        IntPtr S(string name) => NativeLibrary.GetExport(handle, name);
        wasm_engine_new = (delegate* unmanaged[Cdecl]<IntPtr>)S("wasm_engine_new");
        wasm_engine_delete = (delegate* unmanaged[Cdecl]<IntPtr, void>)S("wasm_engine_delete");
        wasm_store_new = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_store_new");
        wasm_store_delete = (delegate* unmanaged[Cdecl]<IntPtr, void>)S("wasm_store_delete");
        wasm_module_new = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, IntPtr>)S("wasm_module_new");
        wasm_module_delete = (delegate* unmanaged[Cdecl]<IntPtr, void>)S("wasm_module_delete");
        wasm_module_imports = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void>)S("wasm_module_imports");
        wasm_module_exports = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void>)S("wasm_module_exports");
        wasm_importtype_vec_delete = (delegate* unmanaged[Cdecl]<WasmVec*, void>)S("wasm_importtype_vec_delete");
        wasm_exporttype_vec_delete = (delegate* unmanaged[Cdecl]<WasmVec*, void>)S("wasm_exporttype_vec_delete");
        wasm_importtype_module = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*>)S("wasm_importtype_module");
        wasm_importtype_name = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*>)S("wasm_importtype_name");
        wasm_importtype_type = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_importtype_type");
        wasm_exporttype_name = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*>)S("wasm_exporttype_name");
        wasm_externtype_kind = (delegate* unmanaged[Cdecl]<IntPtr, byte>)S("wasm_externtype_kind");
        wasm_externtype_as_functype_const = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_externtype_as_functype_const");
        wasm_functype_params = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*>)S("wasm_functype_params");
        wasm_functype_results = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*>)S("wasm_functype_results");
        wasm_valtype_kind = (delegate* unmanaged[Cdecl]<IntPtr, byte>)S("wasm_valtype_kind");
        wasm_valtype_new = (delegate* unmanaged[Cdecl]<byte, IntPtr>)S("wasm_valtype_new");
        wasm_valtype_vec_new = (delegate* unmanaged[Cdecl]<WasmVec*, nuint, IntPtr*, void>)S("wasm_valtype_vec_new");
        wasm_valtype_vec_new_empty = (delegate* unmanaged[Cdecl]<WasmVec*, void>)S("wasm_valtype_vec_new_empty");
        wasm_functype_new = (delegate* unmanaged[Cdecl]<WasmVec*, WasmVec*, IntPtr>)S("wasm_functype_new");
        wasm_functype_delete = (delegate* unmanaged[Cdecl]<IntPtr, void>)S("wasm_functype_delete");
        wasm_func_new_with_env = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, WasmVec*, IntPtr>, IntPtr, IntPtr, IntPtr>)S("wasm_func_new_with_env");
        wasm_func_delete = (delegate* unmanaged[Cdecl]<IntPtr, void>)S("wasm_func_delete");
        wasm_func_as_extern = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_func_as_extern");
        wasm_func_call = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, WasmVec*, IntPtr>)S("wasm_func_call");
        wasm_func_param_arity = (delegate* unmanaged[Cdecl]<IntPtr, nuint>)S("wasm_func_param_arity");
        wasm_func_result_arity = (delegate* unmanaged[Cdecl]<IntPtr, nuint>)S("wasm_func_result_arity");
        wasm_instance_new = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, WasmVec*, IntPtr*, IntPtr>)S("wasm_instance_new");
        wasm_instance_delete = (delegate* unmanaged[Cdecl]<IntPtr, void>)S("wasm_instance_delete");
        wasm_instance_exports = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void>)S("wasm_instance_exports");
        wasm_extern_vec_delete = (delegate* unmanaged[Cdecl]<WasmVec*, void>)S("wasm_extern_vec_delete");
        wasm_extern_kind = (delegate* unmanaged[Cdecl]<IntPtr, byte>)S("wasm_extern_kind");
        wasm_extern_as_func = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_extern_as_func");
        wasm_extern_as_memory = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_extern_as_memory");
        wasm_memory_data = (delegate* unmanaged[Cdecl]<IntPtr, byte*>)S("wasm_memory_data");
        wasm_memory_data_size = (delegate* unmanaged[Cdecl]<IntPtr, nuint>)S("wasm_memory_data_size");
        wasm_trap_new = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, IntPtr>)S("wasm_trap_new");
        wasm_trap_message = (delegate* unmanaged[Cdecl]<IntPtr, WasmVec*, void>)S("wasm_trap_message");
        wasm_trap_delete = (delegate* unmanaged[Cdecl]<IntPtr, void>)S("wasm_trap_delete");
        wasm_byte_vec_delete = (delegate* unmanaged[Cdecl]<WasmVec*, void>)S("wasm_byte_vec_delete");
        VecLayout = WasmVecLayoutProbe.Detect(path, handle);
    }

    /// <summary>dlopens <paramref name="path"/> and resolves every standard symbol, or says precisely why it can't.</summary>
    public static WasmCApi Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new WasmCLibraryException($"wasm.h library {full} does not exist");
        IntPtr handle;
        try
        {
            handle = NativeLibrary.Load(full);
        }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
        {
            // .NET wraps dlerror() in advice text; the last line is dlerror's own reason.
            var reason = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? e.Message;
            throw new WasmCLibraryException($"cannot load {full} as a shared library: {reason}");
        }
        return new WasmCApi(full, handle);
    }

    /// <summary>
    /// A wasm.h name as a string. Names are byte vecs without a terminator in wasm.h, but WAMR makes
    /// them with <c>wasm_name_new_from_string_nt</c>, counting the NUL: one trailing NUL is not part of the name.
    /// </summary>
    public static string Name(WasmVec* v) => v is null ? "" : Name(v->Data, v->Size);

    /// <summary>The name whose <paramref name="size"/> bytes are at <paramref name="data"/>, without one trailing NUL.</summary>
    public static string Name(IntPtr data, nuint size)
    {
        if (data == IntPtr.Zero || size == 0) return "";
        var n = checked((int)size);
        if (((byte*)data)[n - 1] == 0) n--;
        return Marshal.PtrToStringUTF8(data, n);
    }

    /// <summary>The number of elements of a vector the library made: <c>num_elems</c> in WAMR's layout (its <c>size</c> is the capacity), else <c>size</c>.</summary>
    public nuint Count(WasmVec* v) => v is null ? 0 : Layout == WasmVecLayout.Wamr ? v->NumElems : v->Size;

    /// <summary>A vector for the library to read, over <paramref name="count"/> elements of <paramref name="elementBytes"/> at <paramref name="data"/>, in its layout.</summary>
    public WasmVec Vec(nuint count, IntPtr data, int elementBytes) => Layout == WasmVecLayout.Wamr
        ? new WasmVec { Size = count, Data = data, NumElems = count, SizeOfElem = (nuint)elementBytes }
        : new WasmVec { Size = count, Data = data };

    /// <summary>The message of a trap, which is then deleted.</summary>
    public string TakeTrapMessage(IntPtr trap)
    {
        WasmVec msg = default;
        wasm_trap_message(trap, &msg);
        var text = Name(&msg).TrimEnd('\0');
        wasm_byte_vec_delete(&msg);
        wasm_trap_delete(trap);
        return text;
    }

    /// <summary>A new trap whose message is <paramref name="message"/> (NUL-terminated, as wasm.h implementations expect).</summary>
    public IntPtr NewTrap(IntPtr store, string message)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(message + "\0");
        fixed (byte* p = bytes)
        {
            var vec = Vec((nuint)bytes.Length, (IntPtr)p, 1);
            return wasm_trap_new(store, &vec);
        }
    }

    /// <summary>A function type built the portable way (valtype vecs + wasm_functype_new); the caller deletes it.</summary>
    public IntPtr NewFuncType(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> results)
    {
        WasmVec p = default, r = default;
        MakeValTypes(parameters, &p);
        MakeValTypes(results, &r);
        return wasm_functype_new(&p, &r);
    }

    private void MakeValTypes(ReadOnlySpan<byte> kinds, WasmVec* into)
    {
        if (kinds.Length == 0) { wasm_valtype_vec_new_empty(into); return; }
        var types = stackalloc IntPtr[kinds.Length];
        for (var i = 0; i < kinds.Length; i++) types[i] = wasm_valtype_new(kinds[i]);
        wasm_valtype_vec_new(into, (nuint)kinds.Length, types);
    }
}
