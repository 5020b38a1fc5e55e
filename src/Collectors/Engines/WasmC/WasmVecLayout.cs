using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// How a wasm.h library lays out its <c>wasm_*_vec_t</c>. Upstream wasm.h declares
/// <c>{ size_t size; T* data; }</c> (16 bytes); WAMR declares every vector as its own
/// <c>Vector</c>, <c>{ size_t size; T* data; size_t num_elems; size_t size_of_elem; void* lock; }</c>
/// (40 bytes): it writes all five fields into out-vectors, reads <c>num_elems</c> from vectors it
/// is given (the element count; <c>size</c> is the capacity), and its names count the terminating NUL.
/// </summary>
public enum WasmVecLayout
{
    /// <summary>Upstream wasm.h: 16 bytes, <c>size</c> is the element count.</summary>
    Standard,
    /// <summary>WAMR's 40-byte vectors: <c>num_elems</c> is the element count.</summary>
    Wamr,
}

/// <summary>
/// A wasm.h vector, declared at WAMR's 40 bytes so that either layout may write an out-vector
/// into it without running past it; only the fields the library's layout has are meaningful.
/// Build vectors the library reads with <see cref="WasmCApi.Vec"/>, count their elements with
/// <see cref="WasmCApi.Count"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct WasmVec
{
    public nuint Size;
    public IntPtr Data;
    public nuint NumElems;
    public nuint SizeOfElem;
    public IntPtr Lock;

    /// <summary>Bytes of a vector in each layout.</summary>
    public const int StandardBytes = 16, WamrBytes = 40;
}

/// <summary>What <see cref="WasmVecLayoutProbe"/> found, and the evidence, in words for the engine's configuration.</summary>
public sealed record WasmVecLayoutFinding(WasmVecLayout Layout, string Evidence)
{
    public string Flag => Layout == WasmVecLayout.Wamr ? "vectors=wamr-40-byte" : "vectors=wasm.h-16-byte";
}
