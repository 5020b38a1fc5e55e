namespace Observatory.Collectors.Processes;

/// <summary>
/// CPU time of a live process from /proc/PID/stat: utime + stime (all its threads) + cutime + cstime (its
/// children that have ended and been waited for), in clock ticks. Sampled while an engine runs because a
/// sandboxed engine's time never reaches our own RUSAGE_CHILDREN through bwrap's init (see <see cref="SandboxMounts.AsPid1"/>).
/// </summary>
internal static class ProcStat
{
    /// <summary>USER_HZ, the unit of /proc's times: 100 on Linux on every architecture .NET runs on.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>The process's CPU ticks, or null when it is gone (or /proc cannot be read).</summary>
    public static long? CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so count fields after the last ')'.
            // From there (0-based): 11 utime, 12 stime, 13 cutime, 14 cstime.
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14]);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        catch (FormatException) { return null; }
        catch (IndexOutOfRangeException) { return null; }
        catch (ArgumentOutOfRangeException) { return null; }
    }
}
