namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>
/// Which values an engine's host interface carries between the harness and Wasm unchanged.
/// An assertion that needs a value outside this set is rewritten to run through a wrapper
/// module (<see cref="ScriptWrapper"/>), so only an () -> i32 call crosses the boundary.
/// </summary>
[Flags]
public enum ValueCarriage
{
    None = 0,
    /// <summary>v128 arguments, results and globals (JavaScript has no v128; wasm.h no v128 kind).</summary>
    V128 = 1,
    /// <summary>NaN bit patterns (JavaScript keeps no NaN payload, nor the sign of a NaN).</summary>
    NanPayloads = 2,
    /// <summary>externref values (some wasm.h libraries abort on an externref in a wasm_val_t).</summary>
    ExternRef = 4,
    /// <summary>exnref values (neither JavaScript nor wasm.h has them).</summary>
    ExnRef = 8,
    /// <summary>Wasmtime's .NET API: everything, so nothing is wrapped (the reference).</summary>
    All = V128 | NanPayloads | ExternRef | ExnRef,
    /// <summary>Node/Deno (V8), Bun (JavaScriptCore), gjs (SpiderMonkey) and browsers through the JS API.</summary>
    JavaScript = ExternRef,
    /// <summary>The standard wasm-c-api: numbers bit-exact, funcref and externref, no v128.</summary>
    WasmH = NanPayloads | ExternRef,
}
