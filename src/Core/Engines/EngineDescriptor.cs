namespace Observatory.Core.Engines;

/// <summary>
/// What an engine configuration says about itself. <c>Id</c> is stable across runs
/// (family-version/tier+options) so history lines up; <c>Version</c> is read from the
/// runtime itself, never assumed. <c>Source</c> says where the runtime came from
/// (a NuGet package, a path, PATH).
/// </summary>
public sealed record EngineDescriptor
{
    public required string Id { get; init; }
    public required string Family { get; init; }
    public required string Version { get; init; }
    public required string Tier { get; init; }
    public IReadOnlyList<string> Flags { get; init; } = [];
    public string Source { get; init; } = "";
    public EngineStatus Status { get; init; } = EngineStatus.Ready;
    public string Reason { get; init; } = "";
    /// <summary>True for the native baseline, the 1.0 line of every ratio.</summary>
    public bool IsNative { get; init; }
    public bool SupportsWasi { get; init; } = true;
    /// <summary>The instruction set the engine's code runs on (<see cref="InstructionSet"/> names); the host's unless said otherwise.</summary>
    public string Isa { get; init; } = InstructionSet.Host;
    /// <summary>True when the engine runs under an emulator (qemu-user): its timings are stored, never ranked or trended.</summary>
    public bool Emulated { get; init; }

    /// <summary>"aarch64 (emulated)", "x86_64".</summary>
    public string Architecture() => InstructionSet.Describe(Isa, Emulated);

    /// <summary>True for the engine every ratio divides by: native code on the host's own ISA, not emulated.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsNativeBaseline => IsNative && !Emulated && Isa == InstructionSet.Host;
}
