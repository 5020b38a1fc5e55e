using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus;

/// <summary>The outcome of building one workload variant: the wasm and native files, or the compiler's message.</summary>
public sealed record BuildArtifact
{
    public required WorkloadManifest Workload { get; init; }
    public required WorkloadVariant Variant { get; init; }
    public string? WasmPath { get; init; }
    public string? NativePath { get; init; }
    public string? WasmSha256 { get; init; }
    public string? NativeSha256 { get; init; }
    /// <summary>A prepared file tree to preopen as "/" (third-party modules), or null for an empty one.</summary>
    public string? GuestRoot { get; init; }
    /// <summary>Files copied into each sample's fresh preopened root (a foreign benchmark's inputs).</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];
    public string? Error { get; init; }
    public bool Cached { get; init; }
    public string InputHash { get; init; } = "";

    public bool Ok => Error is null && WasmPath is not null;
    public string Key => $"{Workload.Name}/{Variant.Name}";
}
