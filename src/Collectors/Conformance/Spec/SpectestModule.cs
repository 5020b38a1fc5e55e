namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The "spectest" module every spec script may import from, written as a wasm module so
/// every engine gets the same one: globals (666 / 666.6), a funcref table 10..20 (and a
/// 64-bit one), a memory 1..2 (and a shared one), and print functions that do nothing
/// (their output is not part of any assertion).
/// </summary>
public static class SpectestModule
{
    public const string Text = """
        (module
          (global (export "global_i32") i32 (i32.const 666))
          (global (export "global_i64") i64 (i64.const 666))
          (global (export "global_f32") f32 (f32.const 666.6))
          (global (export "global_f64") f64 (f64.const 666.6))
          (table (export "table") 10 20 funcref)
          (table (export "table64") i64 10 20 funcref)
          (memory (export "memory") 1 2)
          (memory (export "shared_memory") 1 2 shared)
          (func (export "print"))
          (func (export "print_i32") (param i32))
          (func (export "print_i64") (param i64))
          (func (export "print_f32") (param f32))
          (func (export "print_f64") (param f64))
          (func (export "print_i32_f32") (param i32 f32))
          (func (export "print_f64_f64") (param f64 f64))
        )
        """;

    private static byte[]? _binary;

    public static byte[] Binary => _binary ??= TextToBinary.Convert(Text);

    private static IReadOnlyList<(byte[] Binary, string Omitted)>? _variants;

    /// <summary>
    /// The module, then smaller versions of it for engines that refuse a part: an engine
    /// configured without shared memory (wasm.h's defaults) or 64-bit tables still gets a
    /// spectest module, and only the scripts importing the missing export fail to link.
    /// </summary>
    public static IReadOnlyList<(byte[] Binary, string Omitted)> Variants => _variants ??=
    [
        (Binary, ""),
        (TextToBinary.Convert(Without(Text, "shared_memory")), "shared_memory"),
        (TextToBinary.Convert(Without(Without(Text, "shared_memory"), "table64")), "shared_memory, table64"),
    ];

    private static string Without(string text, string export) =>
        string.Join('\n', text.Split('\n').Where(l => !l.Contains($"(export \"{export}\")", StringComparison.Ordinal)));
}
