using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus.Recipes;

/// <summary>
/// C and C++ with clang-22: the same sources and flags for wasm32-wasip1 and the host,
/// -ffp-contract=off so floating point agrees bit for bit. Only .c/.cc/.cpp sources
/// are compiled; listed headers are there for the content hash.
/// </summary>
public sealed class ClangRecipe(Toolchain toolchain, bool cpp) : IBuildRecipe
{
    private const string Hint = "apt-get install clang-22 lld-22 wasi-libc libclang-rt-22-dev-wasm32 libc++-22-dev-wasm32 libc++abi-22-dev-wasm32";
    private string Compiler => cpp ? Toolchain.ClangXX : Toolchain.Clang;

    /// <summary>Flags that make the native build another ISA's (--target=TRIPLE ...); empty for the host.</summary>
    public IReadOnlyList<string> TargetFlags { get; init; } = [];

    private List<string> Common(WorkloadManifest w, WorkloadVariant v)
    {
        var list = new List<string> { "-ffp-contract=off" };
        if (cpp) list.Add("-fno-exceptions");
        list.AddRange(v.Flags);
        return list;
    }

    private static IEnumerable<string> Sources(WorkloadManifest w) =>
        w.Sources.Where(s => s.EndsWith(".c", StringComparison.Ordinal) || s.EndsWith(".cc", StringComparison.Ordinal) || s.EndsWith(".cpp", StringComparison.Ordinal))
            .Select(s => Path.GetFullPath(Path.Combine(w.Directory, s)));

    private static string[] Includes(WorkloadManifest w) => ["-I", Path.GetDirectoryName(w.Directory)!, "-I", w.Directory];

    public string? BuildWasm(WorkloadManifest w, WorkloadVariant v, string output)
    {
        // --no-wasm-opt: clang would otherwise run whatever wasm-opt is on PATH at link time.
        // --strip-debug: Debian's libc.a carries DWARF that adds ~110 KB to every module.
        var args = new List<string> { "--target=wasm32-wasip1", $"--sysroot={toolchain.Sysroot}", "--no-wasm-opt", "-Wl,--strip-debug" };
        args.AddRange(Common(w, v));
        args.AddRange(v.WasmFlags);
        args.AddRange(Includes(w));
        args.AddRange(["-o", output]);
        args.AddRange(Sources(w));
        args.Add("-lm");
        return CompilerRun.Run(Compiler, args, w.Directory, Hint);
    }

    public string? BuildNative(WorkloadManifest w, WorkloadVariant v, string output)
    {
        var args = new List<string>(TargetFlags);
        args.AddRange(Common(w, v));
        args.AddRange(v.NativeFlags);
        args.AddRange(Includes(w));
        args.AddRange(["-o", output]);
        args.AddRange(Sources(w));
        args.Add("-lm");
        return CompilerRun.Run(Compiler, args, w.Directory, Hint);
    }
}
