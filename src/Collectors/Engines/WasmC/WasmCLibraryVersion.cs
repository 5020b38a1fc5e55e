using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// Reads a wasm.h library's version through the optional, implementation-specific
/// version functions some of them export (Wasmer's <c>wasmer_version</c>, WAMR's
/// <c>wasm_runtime_get_version</c>). Kept apart from <see cref="WasmCApi"/>: it is
/// identification, not execution, and a library without either still runs.
/// </summary>
public static unsafe class WasmCLibraryVersion
{
    public static string? Read(IntPtr library)
    {
        if (NativeLibrary.TryGetExport(library, "wasmer_version", out var wasmer))
            return Marshal.PtrToStringUTF8(((delegate* unmanaged[Cdecl]<IntPtr>)wasmer)());
        if (NativeLibrary.TryGetExport(library, "wasm_runtime_get_version", out var wamr))
        {
            uint major = 0, minor = 0, patch = 0;
            ((delegate* unmanaged[Cdecl]<uint*, uint*, uint*, void>)wamr)(&major, &minor, &patch);
            return $"{major}.{minor}.{patch}";
        }
        return null;
    }
}
