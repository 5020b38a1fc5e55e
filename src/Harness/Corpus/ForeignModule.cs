using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus;

/// <summary>
/// A module the observatory did not build (`run --wasm`): its file, the workload name it runs
/// under, what it is given (arguments, stdin, a preopened tree or input files copied into a fresh
/// one) and what it must print. <see cref="Origin"/> is how the user named it, for messages.
/// </summary>
public sealed record ForeignModule
{
    public required string WasmFile { get; init; }
    public required string Name { get; init; }
    public required string Origin { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public string? StdinFile { get; init; }
    public string? GuestRoot { get; init; }
    /// <summary>Files copied into each sample's fresh preopened root (Sightglass <c>*.input</c>).</summary>
    public IReadOnlyList<string> InputFiles { get; init; } = [];
    public ExpectedOutput Expected { get; init; } = ExpectedOutput.SameAsNative;
}
