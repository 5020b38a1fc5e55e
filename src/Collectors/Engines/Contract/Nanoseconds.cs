using System.Diagnostics;

namespace Observatory.Collectors.Engines.Contract;

/// <summary>Stopwatch ticks to nanoseconds, the unit of every phase on the wire.</summary>
public static class Nanoseconds
{
    public static long Of(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));

    public static long Since(long startTimestamp) => Of(Stopwatch.GetTimestamp() - startTimestamp);
}
