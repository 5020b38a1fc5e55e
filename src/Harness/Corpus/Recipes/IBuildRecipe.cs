using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus.Recipes;

/// <summary>
/// How one source language becomes a wasm module and, where the language has one, a
/// native executable. Returns null on success or the compiler's message on failure.
/// The commands are the ones documented (and verified) in workloads/README.md.
/// </summary>
public interface IBuildRecipe
{
    string? BuildWasm(WorkloadManifest w, WorkloadVariant v, string output);
    string? BuildNative(WorkloadManifest w, WorkloadVariant v, string output);
}
