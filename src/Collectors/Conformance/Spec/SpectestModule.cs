namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The "spectest" module every spec script may import from, written as a wasm module so
/// every engine gets the same one (the in-process hosts instantiate it, the JavaScript driver
/// instantiates the same bytes): globals (666 / 666.6), a funcref table 10..20 and a 64-bit
/// one, a memory 1..2, a 64-bit one and a shared one, and print functions that do nothing
/// (their output is not part of any assertion). The exports are those of the spec
/// interpreter's spectest module.
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
          (memory (export "memory64") i64 1 2)
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

    /// <summary>
    /// Exports an engine may refuse for a proposal it does not ship (threads, memory64; a second
    /// memory also needs multi-memory), least used first: the order in which they are given up.
    /// </summary>
    public static readonly IReadOnlyList<string> Optional = ["memory64", "table64", "shared_memory"];

    private static byte[]? _binary;

    public static byte[] Binary => _binary ??= TextToBinary.Convert(Text);

    private static IReadOnlyList<(byte[] Binary, string Omitted)>? _variants;

    /// <summary>
    /// The module, then smaller versions of it for engines that refuse a part, fewest omissions
    /// first: an engine configured without shared memory (wasm.h's defaults) or without 64-bit
    /// memories and tables still gets a spectest module with everything else, and only the
    /// scripts importing a missing export fail to link. Omitted names the exports left out.
    /// </summary>
    public static IReadOnlyList<(byte[] Binary, string Omitted)> Variants => _variants ??= Subsets()
        .Select(omit => (omit.Count == 0 ? Binary : TextToBinary.Convert(omit.Aggregate(Text, Without)), string.Join(", ", omit)))
        .ToList();

    /// <summary>Every subset of <see cref="Optional"/>, smallest first, each in <see cref="Optional"/>'s order.</summary>
    private static IEnumerable<IReadOnlyList<string>> Subsets() =>
        Enumerable.Range(0, 1 << Optional.Count)
            .Select(mask => (IReadOnlyList<string>)Optional.Where((_, i) => (mask & (1 << i)) != 0).ToList())
            .OrderBy(s => s.Count);

    private static string Without(string text, string export) =>
        string.Join('\n', text.Split('\n').Where(l => !l.Contains($"(export \"{export}\")", StringComparison.Ordinal)));
}
