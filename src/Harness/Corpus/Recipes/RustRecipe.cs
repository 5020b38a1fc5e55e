using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus.Recipes;

/// <summary>
/// Rust with Debian's rustc 1.63 by full path (a rustup toolchain earlier on PATH has no
/// wasm target); rust-lld comes from lld-14. Run from the workload folder with the
/// main source by its relative name, since panic messages embed the path and would make
/// the module's hash depend on where the tree is checked out.
/// </summary>
public sealed class RustRecipe : IBuildRecipe
{
    public const string Rustc = "/usr/bin/rustc";
    private const string Hint = "apt-get install rustc libstd-rust-dev-wasm32 lld-14";

    private static List<string> Args(WorkloadManifest w, IEnumerable<string> flags, string output) =>
        ["--edition=2021", "--crate-type=bin", "-C", "strip=debuginfo", .. flags, "-o", output, w.Sources[0]];

    public string? BuildWasm(WorkloadManifest w, WorkloadVariant v, string output)
    {
        var args = Args(w, [.. v.Flags, .. v.WasmFlags, "--target", "wasm32-wasi"], output);
        return CompilerRun.Run(Rustc, args, w.Directory, Hint);
    }

    public string? BuildNative(WorkloadManifest w, WorkloadVariant v, string output) =>
        CompilerRun.Run(Rustc, Args(w, [.. v.Flags, .. v.NativeFlags], output), w.Directory, Hint);
}
