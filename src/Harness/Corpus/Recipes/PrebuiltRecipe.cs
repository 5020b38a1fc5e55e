using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus.Recipes;

/// <summary>
/// A third-party module that arrives built (from a pinned npm package): "building" is
/// copying it into the artifact store, so it is content-hashed like everything else.
/// </summary>
public sealed class PrebuiltRecipe : IBuildRecipe
{
    public string? BuildWasm(WorkloadManifest w, WorkloadVariant v, string output)
    {
        var source = Path.GetFullPath(Path.Combine(w.Directory, w.Sources[0]));
        if (!File.Exists(source)) return $"module {source} is missing: run `npm ci --ignore-scripts` in the repository root";
        File.Copy(source, output, overwrite: true);
        return null;
    }

    public string? BuildNative(WorkloadManifest w, WorkloadVariant v, string output) =>
        "a prebuilt module has no native build; set native = false and expect = \"sha256:...\"";
}
