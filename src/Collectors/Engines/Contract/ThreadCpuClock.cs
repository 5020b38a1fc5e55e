using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): it stops while other processes hold
/// the CPU, so on a shared machine it is steadier than wall time; the stop rule uses it.
/// </summary>
public static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec ts);

    private struct Timespec { public long Sec, Nsec; }

    public static long NowNs() => ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Sec * 1_000_000_000 + t.Nsec : 0;
}
