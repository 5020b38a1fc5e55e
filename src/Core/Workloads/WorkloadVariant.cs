namespace Observatory.Core.Workloads;

/// <summary>A build variant: the same sources with other flags (e.g. -O2 vs -O3 -msimd128).</summary>
public sealed record WorkloadVariant
{
    public required string Name { get; init; }
    /// <summary>Flags for both the wasm and the native build.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];
    public IReadOnlyList<string> WasmFlags { get; init; } = [];
    public IReadOnlyList<string> NativeFlags { get; init; } = [];
    /// <summary>Pre-initialise the built module with Wizer (snapshot of its `wizer-initialize` work).</summary>
    public bool Wizer { get; init; }
}
