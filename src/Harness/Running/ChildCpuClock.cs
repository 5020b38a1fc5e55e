using System.Runtime.InteropServices;

namespace Observatory.Harness.Running;

/// <summary>
/// CPU time (user + system) of this process's terminated, reaped children, from the
/// kernel's getrusage(RUSAGE_CHILDREN). The difference across one native run is the
/// CPU time of that run's process: the native engine runs one process per iteration
/// and bench.h reports wall time only, so this is how native gets a CPU time without
/// touching the program. Valid while nothing else in this process reaps children at
/// the same time: the CLI runs one child at a time; a sample that got another child's
/// time counted (more CPU than its own lifetime) is dropped by the executor.
/// </summary>
internal static class ChildCpuClock
{
    private const int RusageChildren = -1;

    // struct rusage: two struct timeval (ru_utime, ru_stime) then 14 longs.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, [Out] long[] usage);

    /// <summary>Total CPU nanoseconds of reaped children so far, or null where getrusage is unavailable.</summary>
    public static long? ReadNs()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var u = new long[18];
        try
        {
            if (GetRusage(RusageChildren, u) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return (u[0] + u[2]) * 1_000_000_000L + (u[1] + u[3]) * 1_000L;
    }
}
