using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus.Recipes;

/// <summary>
/// Pre-initialises a built module with Wizer (npm @bytecodealliance/wizer-linux-x64):
/// the module's `wizer-initialize` export runs at build time and its heap is
/// snapshotted, so start-up work is not paid on every cold start.
/// </summary>
public static class WizerStep
{
    public static string Path(string repositoryRoot) =>
        System.IO.Path.Combine(repositoryRoot, "node_modules", "@bytecodealliance", "wizer-linux-x64", "wizer");

    public static string? Apply(string repositoryRoot, WorkloadManifest w, string wasm)
    {
        var wizer = Path(repositoryRoot);
        if (!File.Exists(wizer))
            return $"wizer not found at {wizer}: run `npm ci --ignore-scripts` (package @bytecodealliance/wizer-linux-x64@11.0.3)";
        var input = wasm + ".pre-wizer";
        File.Move(wasm, input, overwrite: true);
        var err = CompilerRun.Run(wizer, ["--allow-wasi", "-o", wasm, input], w.Directory, "npm ci --ignore-scripts");
        File.Delete(input);
        return err;
    }
}
