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

    /// <summary>
    /// A burst variant (<c>requests = N</c>): each iteration compiles once, then serves N
    /// requests, each in a fresh instance with a fresh WASI context (natively: a fresh process):
    /// the serverless instance-per-request pattern. Null for an ordinary variant.
    /// </summary>
    public int? Requests { get; init; }

    public bool IsBurst => Requests is not null;
}
