using Observatory.Core.Runs;
using Observatory.Core.Statistics;

namespace Observatory.Harness.Running;

/// <summary>
/// The adaptive sampling decision of an A/B run (`run --ab`), taken for the pair of cells of
/// each workload variant after every round: keep adding rounds (A B B A) until the 95% CI
/// of the paired head/base ratio (<see cref="PairedComparison.HodgesLehmann"/>, the figure
/// `compare` judges) is within ±<see cref="RunProfile.CiTarget"/>, unless the pair reached
/// the maximum round count or spent its budget. Aiming at the ratio, not at each engine's
/// own median, is what lets a shared machine's drift pass: it moves both medians, not
/// their ratio round by round.
/// </summary>
public static class AbStopRule
{
    /// <summary>The reason to stop both cells, or null to run another round.</summary>
    public static string? Decide(RunProfile profile, int rounds, TimeSpan spent, IReadOnlyList<Sample> baseSamples, IReadOnlyList<Sample> headSamples)
    {
        if (rounds < profile.MinProcesses) return null;
        if (!profile.IsAdaptive) return StopReasons.Fixed;
        var pairs = Pairs(baseSamples, headSamples).Rounds;
        if (pairs.Count >= 2 && PairedComparison.HodgesLehmann(pairs.Select(p => p.Ratio).ToList()).RelativeHalfWidth <= profile.CiTarget)
            return StopReasons.CiTarget;
        if (rounds >= profile.MaxProcesses) return StopReasons.MaxProcesses;
        if (spent >= profile.Budget) return StopReasons.Budget;
        return null;
    }

    /// <summary>
    /// The paired rounds the rule is tested on, and their metric: CPU time of the headline span
    /// where both engines report it (<see cref="StopRule.HasCpu"/>), else wall time, steady
    /// samples only: the same choice `compare` makes for a timed A/B cell.
    /// </summary>
    public static (string Metric, IReadOnlyList<RoundPair> Rounds) Pairs(IReadOnlyList<Sample> baseSamples, IReadOnlyList<Sample> headSamples)
    {
        var (bw, hw) = (Steady(baseSamples, s => s.HeadlineNs), Steady(headSamples, s => s.HeadlineNs));
        var (bc, hc) = (Steady(baseSamples, s => s.HeadlineNs is null ? null : s.CpuNs), Steady(headSamples, s => s.HeadlineNs is null ? null : s.CpuNs));
        return StopRule.HasCpu(bc.Count, bw.Count) && StopRule.HasCpu(hc.Count, hw.Count)
            ? ("cpu", PairedRounds.Of(bc, hc))
            : ("wall", PairedRounds.Of(bw, hw));
    }

    /// <summary>Ok time samples with their round, warm ones when the cell has any (as <see cref="CellSummarizer.Steady"/>).</summary>
    private static List<(int Round, double Value)> Steady(IReadOnlyList<Sample> list, Func<Sample, long?> value)
    {
        var ok = list.Where(s => s.Measure == Measure.Time && s.Outcome == Outcome.Ok && !s.Warmup && s.Round is not null && value(s) is > 0).ToList();
        var warm = ok.Where(s => s.IsWarm).ToList();
        return (warm.Count > 0 ? warm : ok).Select(s => (s.Round!.Value, (double)value(s)!.Value)).ToList();
    }
}
