namespace Observatory.Benchmarks;

/// <summary>The module every benchmark uses: one import (so instantiation links a host function), a memory, an add.</summary>
public static class TinyModule
{
    public const string Wat = """
        (module
          (import "host" "nop" (func $nop))
          (memory (export "memory") 1)
          (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
          (func (export "call_host") call $nop))
        """;

    public static byte[] Bytes { get; } = global::Wasmtime.Module.ConvertText(Wat);

    /// <summary>The libwasmtime.so next to this benchmark (the Wasmtime package's), driven through wasm.h only.</summary>
    public static string Libwasmtime => Path.Combine(AppContext.BaseDirectory, "libwasmtime.so");
}
