using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus.Recipes;

/// <summary>
/// AssemblyScript through the pinned npm asc with the WASI shim. asc 0.28.20 resolves
/// --config wrongly when it is absolute, so paths are given relative to the workload
/// folder. There is no native build: such workloads check a recorded sha256.
/// </summary>
public sealed class AssemblyScriptRecipe(string repositoryRoot) : IBuildRecipe
{
    private const string Hint = "npm ci --ignore-scripts (assemblyscript@0.28.20, @assemblyscript/wasi-shim@0.1.0 from package.json)";

    public string? BuildWasm(WorkloadManifest w, WorkloadVariant v, string output)
    {
        var asc = Path.Combine(repositoryRoot, "node_modules", "assemblyscript", "bin", "asc.js");
        var shim = Path.Combine(repositoryRoot, "node_modules", "@assemblyscript", "wasi-shim", "asconfig.json");
        if (!File.Exists(asc) || !File.Exists(shim))
            return $"AssemblyScript compiler not found ({asc}): {Hint}";
        var args = new List<string> { asc, w.Sources[0], "--config", Path.GetRelativePath(w.Directory, shim) };
        args.AddRange(v.Flags);
        args.AddRange(v.WasmFlags);
        args.AddRange(["-o", output]);
        return CompilerRun.Run("node", args, w.Directory, Hint);
    }

    public string? BuildNative(WorkloadManifest w, WorkloadVariant v, string output) =>
        "AssemblyScript has no native target; set native = false and expect = \"sha256:...\"";
}
