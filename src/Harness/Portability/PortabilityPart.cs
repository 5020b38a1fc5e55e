namespace Observatory.Harness.Portability;

/// <summary>
/// One part of a portability run: the x86_64 reference, the cross builds, or one engine of one ISA over every
/// workload variant. Its wall time from its first item's start to its last item's end (parts overlap in one
/// queue, see <see cref="WorkQueue"/>), and the CPU time (user + system) of the processes its own items started
/// (<see cref="Collectors.Processes.CpuTally"/>), which compares across machine load.
/// </summary>
public sealed record PortabilityPart(string Isa, string Engine, int Cells, TimeSpan Wall, TimeSpan Cpu);
