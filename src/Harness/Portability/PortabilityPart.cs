namespace Observatory.Harness.Portability;

/// <summary>
/// One part of a portability run: the x86_64 reference, or one engine of one ISA over every workload variant.
/// Its wall time, and the CPU time (user + system) of the processes it started
/// (<see cref="Collectors.Processes.ChildProcess.CpuTimeOfChildren"/>), which compares across machine load:
/// parts run one after another, each on every core, so each one's CPU is its own.
/// </summary>
public sealed record PortabilityPart(string Isa, string Engine, int Cells, TimeSpan Wall, TimeSpan Cpu);
