namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// The CPU time a CLI iteration reports when <see cref="ProcessAccountant"/> could not be built (no clang):
/// user + system time of its whole process tree (sandbox included), polled from /proc while it runs (<see cref="Processes.ChildProcess"/>). Under other
/// jobs' load a process's wall time stretches with the run queue while its CPU time does not
/// (on the shared 2-core machine node processes took 2.3-4.6 s of wall time for ~0.4 s of work),
/// so this is the figure an A/B run of two CLI builds pairs on. /proc counts in 10 ms ticks and
/// the last poll interval before exit is missed, so below <see cref="FloorNs"/> the figure is
/// coarser than 5% and none is reported: wall time (µs) stays the better metric there.
/// </summary>
public static class CliCpuTime
{
    /// <summary>20 ticks of 10 ms: one tick is then at most 5% of the figure.</summary>
    public const long FloorNs = 200_000_000;

    /// <summary>The iteration's CPU time, or null when the polled figure is too coarse to report (or absent).</summary>
    public static long? Reported(long polledCpuNs) => polledCpuNs >= FloorNs ? polledCpuNs : null;
}
