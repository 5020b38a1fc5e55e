using Observatory.Core.Runs;
using Observatory.Harness.Running;

namespace Observatory.Tests.Measurement;

/// <summary>The adaptive stop decision on hand-made samples: exact, so every branch is pinned down.</summary>
public class StopRuleTests
{
    private static readonly RunProfile Adaptive = new("quick", 3, 3, TimeSpan.FromSeconds(60))
    {
        MaxProcesses = 10, CiTarget = 0.02, Budget = TimeSpan.FromSeconds(30),
    };

    /// <summary>Warm samples (iterations 1 and 2 of each process) with the given wall and CPU times.</summary>
    private static List<Sample> Warm(int processes, Func<int, double> wall, Func<int, double?>? cpu = null)
    {
        var list = new List<Sample>();
        var k = 0;
        for (var p = 0; p < processes; p++)
            for (var i = 0; i < 3; i++, k++)
                list.Add(new Sample
                {
                    Workload = "w", Variant = "O2", Engine = "e", Process = p, Iteration = i, Outcome = Outcome.Ok,
                    ExecuteNs = (long)wall(k), CpuNs = cpu?.Invoke(k) is { } c ? (long)c : null,
                });
        return list;
    }

    private static readonly Func<int, double> Tight = k => 1_000_000 + k % 5 * 1000;        // ±0.2%
    private static readonly Func<int, double> Loose = k => 1_000_000 * (1 + k % 7 * 0.15);    // up to +90%

    [Fact]
    public void Tight_samples_stop_on_the_ci_target_but_never_before_the_minimum()
    {
        Assert.Null(StopRule.Decide(Adaptive, 2, TimeSpan.FromSeconds(1), Warm(2, Tight), failed: false));
        Assert.Equal(StopReasons.CiTarget, StopRule.Decide(Adaptive, 3, TimeSpan.FromSeconds(1), Warm(3, Tight), failed: false));
    }

    [Fact]
    public void Loose_samples_keep_sampling_until_the_budget_or_the_maximum()
    {
        Assert.Null(StopRule.Decide(Adaptive, 3, TimeSpan.FromSeconds(1), Warm(3, Loose), failed: false));
        Assert.Equal(StopReasons.Budget, StopRule.Decide(Adaptive, 4, TimeSpan.FromSeconds(31), Warm(4, Loose), failed: false));
        Assert.Equal(StopReasons.MaxProcesses, StopRule.Decide(Adaptive, 10, TimeSpan.FromSeconds(1), Warm(10, Loose), failed: false));
    }

    [Fact]
    public void The_budget_bounds_a_slow_cell_below_the_minimum()
    {
        // Processes of 20 s against a 30 s budget and a minimum of 3: the second one spends the budget.
        Assert.Null(StopRule.Decide(Adaptive, 1, TimeSpan.FromSeconds(20), Warm(1, Loose), failed: false));
        Assert.Equal(StopReasons.Budget, StopRule.Decide(Adaptive, 2, TimeSpan.FromSeconds(40), Warm(2, Tight), failed: false));
        // One process alone may spend it (an interpreter): it is all the cell gets.
        Assert.Equal(StopReasons.Budget, StopRule.Decide(Adaptive, 1, TimeSpan.FromSeconds(31), Warm(1, Loose), failed: false));
        // A fixed count and the overhead calibration run their count whatever they spend.
        Assert.Null(StopRule.Decide(new RunProfile("quick", 4, 3, TimeSpan.FromSeconds(60)) { Budget = TimeSpan.FromSeconds(1) },
            2, TimeSpan.FromSeconds(10), Warm(2, Tight), failed: false));
        Assert.Null(StopRule.Decide(Adaptive, 2, TimeSpan.FromSeconds(40), Warm(2, Tight), failed: false, overhead: true));
    }

    [Fact]
    public void Cpu_time_decides_when_nearly_every_steady_sample_has_it_and_wall_time_otherwise()
    {
        // Wall time swings (a busy machine), CPU time does not: the CPU clock meets the target.
        var both = Warm(3, Loose, k => Tight(k));
        Assert.Equal(StopReasons.CiTarget, StopRule.Decide(Adaptive, 3, TimeSpan.FromSeconds(1), both, failed: false));
        // One of eight warm samples without CPU time (88% have it): still CPU time.
        var four = Warm(4, Loose, k => Tight(k));
        four[4] = four[4] with { CpuNs = null };
        Assert.Equal(StopReasons.CiTarget, StopRule.Decide(Adaptive, 4, TimeSpan.FromSeconds(1), four, failed: false));
        // Two of eight without (75%): fall back to wall time, which is too loose.
        four[5] = four[5] with { CpuNs = null };
        Assert.Null(StopRule.Decide(Adaptive, 4, TimeSpan.FromSeconds(1), four, failed: false));
    }

    [Fact]
    public void Failures_stop_at_once_and_the_overhead_cell_stops_at_the_minimum()
    {
        Assert.Equal(StopReasons.Failed, StopRule.Decide(Adaptive, 1, TimeSpan.Zero, Warm(1, Tight), failed: true));
        Assert.Null(StopRule.Decide(Adaptive, 2, TimeSpan.Zero, Warm(2, Loose), failed: false, overhead: true));
        Assert.Equal(StopReasons.Overhead, StopRule.Decide(Adaptive, 3, TimeSpan.Zero, Warm(3, Loose), failed: false, overhead: true));
    }

    [Fact]
    public void A_fixed_profile_runs_exactly_its_count()
    {
        var fixedProfile = new RunProfile("quick", 4, 3, TimeSpan.FromSeconds(60));
        Assert.False(fixedProfile.IsAdaptive);
        Assert.Null(StopRule.Decide(fixedProfile, 3, TimeSpan.Zero, Warm(3, Tight), failed: false));
        Assert.Equal(StopReasons.Fixed, StopRule.Decide(fixedProfile, 4, TimeSpan.Zero, Warm(4, Loose), failed: false));
    }

    [Fact]
    public void Warm_up_iterations_are_never_in_a_statistic()
    {
        var samples = Warm(3, Tight).Select(s => s.Iteration == 1 ? s with { Warmup = true, ExecuteNs = 50_000_000 } : s).ToList();
        var headline = CellSummarizer.Headline(samples);
        Assert.Equal(3, headline.Count); // iteration 2 of each process: not cold, not warm-up
        Assert.DoesNotContain(50_000_000.0, headline);
    }
}
