using Observatory.Core.Runs;
using Observatory.Core.Statistics;

namespace Observatory.Harness.Running;

/// <summary>Why a cell stopped getting processes (stored with the cell).</summary>
public static class StopReasons
{
    /// <summary>The 95% CI of the median reached ±target.</summary>
    public const string CiTarget = "ci-target";
    /// <summary>The cell used its time budget first.</summary>
    public const string Budget = "budget";
    /// <summary>The cell reached the maximum process count first.</summary>
    public const string MaxProcesses = "max-processes";
    /// <summary>Min = max: a fixed number of processes.</summary>
    public const string Fixed = "fixed";
    /// <summary>A sample failed (trap, crash, timeout, wrong output, unsupported): more would not help.</summary>
    public const string Failed = "failed";
    /// <summary>The noop overhead cell: a calibration, measured with the minimum process count.</summary>
    public const string Overhead = "overhead";
    /// <summary>The run was cancelled.</summary>
    public const string Cancelled = "cancelled";
}

/// <summary>
/// The adaptive sampling decision for one cell after each round: keep adding
/// processes until the 95% CI of the headline median (CPU time where the engine reports
/// it, see <see cref="StopSamples"/>) is within ±<see cref="RunProfile.CiTarget"/>,
/// unless the cell failed, spent its budget, or reached the maximum count. The minimum count
/// holds while the budget lasts: the budget is the cell's time bound (it makes the standard
/// profile's nightly shards fit their hour), the minimum a floor for cheap cells. The test is
/// <see cref="MedianConfidenceInterval.IsWithin"/>: distribution-free, so it holds for
/// skewed, outlier-prone timing distributions.
/// </summary>
public static class StopRule
{
    /// <summary>The reason to stop, or null to run another process.</summary>
    public static string? Decide(RunProfile profile, int processes, TimeSpan spent, IReadOnlyList<Sample> samples, bool failed, bool overhead = false)
    {
        if (failed) return StopReasons.Failed;
        if (overhead || !profile.IsAdaptive)
            return processes < profile.MinProcesses ? null : overhead ? StopReasons.Overhead : StopReasons.Fixed;
        if (processes >= profile.MinProcesses)
        {
            var headline = StopSamples(samples);
            if (headline.Count > 0 && headline.All(x => x > 0) && MedianConfidenceInterval.IsWithin(headline, profile.CiTarget))
                return StopReasons.CiTarget;
            if (processes >= profile.MaxProcesses) return StopReasons.MaxProcesses;
        }
        // The budget bounds the cell's time even below the minimum: a cell whose processes take
        // longer than budget / minimum (an interpreter, a big module's compile) stops when its
        // budget is spent, after at least one process, instead of costing minimum x process time.
        if (processes >= 1 && spent >= profile.Budget) return StopReasons.Budget;
        return null;
    }

    /// <summary>
    /// The samples the CI target is tested on: CPU time of the headline span when the engine
    /// reports it for (nearly) every steady sample (it does not grow while other processes
    /// hold the CPU, so it converges on a shared machine where wall time may never), else
    /// wall time. The same choice `compare` makes by default (<c>auto</c>).
    /// </summary>
    public static List<double> StopSamples(IReadOnlyList<Sample> samples)
    {
        var wall = CellSummarizer.Headline(samples);
        var cpu = CellSummarizer.Steady(samples, s => s.HeadlineNs is null ? null : s.CpuNs);
        return HasCpu(cpu.Count, wall.Count) && cpu.All(x => x > 0) ? cpu : wall;
    }

    /// <summary>
    /// CPU time stands for a cell when at least 80% of its steady samples carry it: a few
    /// can lack it (native CPU time is dropped when another child's time got counted in),
    /// and which ones does not depend on their values.
    /// </summary>
    public static bool HasCpu(int cpuSamples, int wallSamples) => cpuSamples > 0 && cpuSamples >= 0.8 * wallSamples;
}
