using System.Diagnostics;

namespace Observatory.Harness.Commands;

/// <summary>
/// Runs a suite one engine at a time (each still with all its parallel jobs) and times each: every
/// engine's wall time is its own, never the whole run's repeated for each.
/// </summary>
public static class EngineWallTime
{
    public static Dictionary<T, double> Measure<T>(IReadOnlyList<T> engines, Action<T> run) where T : notnull
    {
        var seconds = new Dictionary<T, double>();
        foreach (var e in engines)
        {
            var sw = Stopwatch.StartNew();
            run(e);
            seconds[e] = sw.Elapsed.TotalSeconds;
        }
        return seconds;
    }
}
