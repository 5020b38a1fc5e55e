using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// Finds a library's vector layout by watching it write one: <c>wasm_byte_vec_new_uninitialized</c>
/// into a buffer filled with a guard pattern, twice the size of WAMR's vector. A library that wrote
/// only the first 16 bytes uses upstream wasm.h vectors; one that wrote into bytes 16..39 uses WAMR's;
/// one that wrote past 40 bytes has a layout this engine cannot marshal. An export name can lie (a
/// fork, a shim re-exporting WAMR's symbols); the bytes a library writes cannot, so the write decides
/// and a WAMR-only export (<c>wasm_runtime_init</c>, <c>wasm_runtime_get_version</c>) is recorded
/// as evidence beside it.
/// </summary>
public static unsafe class WasmVecLayoutProbe
{
    private const byte Guard = 0xA5;
    private const int BufferBytes = 2 * WasmVec.WamrBytes;
    public static readonly string[] WamrExports = ["wasm_runtime_init", "wasm_runtime_get_version"];

    public static WasmVecLayoutFinding Detect(string path, IntPtr library)
    {
        if (!NativeLibrary.TryGetExport(library, "wasm_byte_vec_new_uninitialized", out var newVec))
            throw new WasmCLibraryException($"{path} lacks wasm_byte_vec_new_uninitialized, which the vector layout probe needs");
        var delete = (delegate* unmanaged[Cdecl]<byte*, void>)NativeLibrary.GetExport(library, "wasm_byte_vec_delete");
        var buffer = stackalloc byte[BufferBytes];
        new Span<byte>(buffer, BufferBytes).Fill(Guard);
        ((delegate* unmanaged[Cdecl]<byte*, nuint, void>)newVec)(buffer, 3);
        var written = LastWritten(new ReadOnlySpan<byte>(buffer, BufferBytes));
        var size = *(nuint*)buffer;
        // Freed by the library's own delete: it reads exactly the fields it wrote.
        if (written <= WasmVec.WamrBytes) delete(buffer);
        var export = WamrExports.FirstOrDefault(s => NativeLibrary.TryGetExport(library, s, out _));
        var exportNote = export is null ? "no WAMR-only export" : $"exports WAMR's {export}";
        if (size != 3)
            throw new WasmCLibraryException($"{path}: wasm_byte_vec_new_uninitialized(out, 3) wrote size {size}, so its vectors do not start with size_t size; this engine cannot marshal them");
        if (written > WasmVec.WamrBytes)
            throw new WasmCLibraryException($"{path}: wasm_byte_vec_new_uninitialized wrote {written} bytes into a vector, neither wasm.h's 16 nor WAMR's 40; this engine cannot marshal it");
        var layout = written > WasmVec.StandardBytes ? WasmVecLayout.Wamr : WasmVecLayout.Standard;
        var agrees = (export is not null) == (layout == WasmVecLayout.Wamr) ? "" : " (the write decides: the export disagrees)";
        return new WasmVecLayoutFinding(layout,
            $"wasm_byte_vec_new_uninitialized wrote {(layout == WasmVecLayout.Wamr ? "into bytes 16..39 of a vector (WAMR's 40-byte vectors)" : "only the first 16 bytes of a vector (wasm.h's {size, data})")}; {exportNote}{agrees}");
    }

    /// <summary>One past the last byte that no longer holds the guard pattern.</summary>
    private static int LastWritten(ReadOnlySpan<byte> buffer)
    {
        for (var i = buffer.Length - 1; i >= 0; i--)
            if (buffer[i] != Guard) return i + 1;
        return 0;
    }
}
