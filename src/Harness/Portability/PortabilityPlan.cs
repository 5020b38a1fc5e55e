using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Harness.Corpus;

namespace Observatory.Harness.Portability;

/// <summary>
/// What a portability run covers: the built workload variants, the x86_64 reference engines (native, and a
/// wasm engine for workloads without a native build), and per ISA the engines to judge (its emulated V8s,
/// its cross-compiled native when qemu-user and the cross libraries are there).
/// </summary>
public sealed record PortabilityPlan(
    IReadOnlyList<BuildArtifact> Artifacts,
    IEngine? Native,
    IEngine? WasmReference,
    IReadOnlyList<PortabilityPlan.IsaEngines> Isas)
{
    /// <summary>The engines of one ISA; <paramref name="Foreign"/> is null for the host's own (x86_64) column.</summary>
    public sealed record IsaEngines(string Isa, ForeignIsa? Foreign, IReadOnlyList<IEngine> Engines, string? CrossNativeProblem);
}
