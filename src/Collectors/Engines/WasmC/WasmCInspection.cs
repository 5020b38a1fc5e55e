using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The standard wasm.h symbols a test harness needs beyond running a program: reading
/// globals, the types of externs (to refuse a call whose values wasm.h cannot carry before
/// the library sees it) and releasing reference results. Kept apart from
/// <see cref="WasmCApi"/> so the benchmark engine's list of required symbols stays as it is.
/// </summary>
public sealed unsafe class WasmCInspection
{
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_extern_as_global;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, WasmVal*, void> wasm_global_get;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_exporttype_type;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_externtype_as_globaltype_const;
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr> wasm_globaltype_content;
    public readonly delegate* unmanaged[Cdecl]<WasmVal*, void> wasm_val_delete;

    public static IReadOnlyList<string> RequiredSymbols { get; } =
    [
        "wasm_extern_as_global", "wasm_global_get", "wasm_exporttype_type", "wasm_externtype_as_globaltype_const",
        "wasm_globaltype_content", "wasm_val_delete",
    ];

    public WasmCInspection(WasmCApi api)
    {
        var missing = RequiredSymbols.Where(s => !NativeLibrary.TryGetExport(api.Handle, s, out _)).ToList();
        if (missing.Count > 0)
            throw new WasmCLibraryException($"{api.LibraryPath} lacks standard wasm.h symbols a spec host needs: {string.Join(", ", missing)}");
        IntPtr S(string name) => NativeLibrary.GetExport(api.Handle, name);
        wasm_extern_as_global = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_extern_as_global");
        wasm_global_get = (delegate* unmanaged[Cdecl]<IntPtr, WasmVal*, void>)S("wasm_global_get");
        wasm_exporttype_type = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_exporttype_type");
        wasm_externtype_as_globaltype_const = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_externtype_as_globaltype_const");
        wasm_globaltype_content = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr>)S("wasm_globaltype_content");
        wasm_val_delete = (delegate* unmanaged[Cdecl]<WasmVal*, void>)S("wasm_val_delete");
    }
}
