using Observatory.Core.Runs;
using Observatory.Core.Workloads;
using Observatory.Harness.Running;

namespace Observatory.Tests.Measurement;

/// <summary>The A/B stop decision on hand-made rounds: it aims at the paired ratio's CI, not at each engine's median.</summary>
public class AbStopRuleTests
{
    private static readonly RunProfile Ab = new RunProfile("quick", 3, 3, TimeSpan.FromSeconds(60)) { MaxProcesses = 15, Budget = TimeSpan.FromSeconds(8) }.ForAb();

    /// <summary>One process of three iterations per round (the cold one and two warm), times drift(round) x factor.</summary>
    private static List<Sample> Rounds(string engine, int rounds, Func<int, double> drift, Func<int, double> factor, bool cpu = false) =>
        Enumerable.Range(0, rounds).SelectMany(r => Enumerable.Range(0, 3).Select(i => new Sample
        {
            Workload = "w", Variant = "O2", Engine = engine, Process = r, Iteration = i, Outcome = Outcome.Ok, Round = r,
            ExecuteNs = (long)(1e8 * drift(r) * factor(r)), CpuNs = cpu ? (long)(0.9e8 * drift(r) * factor(r)) : null,
        })).ToList();

    [Fact]
    public void An_ab_run_has_its_own_bounds_unless_the_command_line_gave_them()
    {
        Assert.Equal((6, 60, 0.01, 90.0), (Ab.MinProcesses, Ab.MaxProcesses, Ab.CiTarget, Ab.Budget.TotalSeconds));
        var given = new RunProfile("quick", 3, 3, TimeSpan.FromSeconds(60))
        {
            MaxProcesses = 9, CiTarget = 0.03, Budget = TimeSpan.FromSeconds(5),
            FromCommandLine = new HashSet<string> { "--min-processes", "--max-processes", "--ci-target", "--budget" },
        }.ForAb();
        Assert.Equal((3, 9, 0.03, 5.0), (given.MinProcesses, given.MaxProcesses, given.CiTarget, given.Budget.TotalSeconds));
    }

    [Fact]
    public void An_ab_run_of_two_clis_takes_one_process_per_slot_unless_the_command_line_gave_iterations()
    {
        var clis = Ab.ForAbOfProcesses();
        Assert.Equal((1, 0), (clis.Iterations, clis.WarmupIterations));
        Assert.Equal((Ab.MinProcesses, Ab.MaxProcesses, Ab.Budget), (clis.MinProcesses, clis.MaxProcesses, clis.Budget));
        // A workload's own [sampling] iterations do not bring back several processes per slot; its other bounds still apply.
        var workload = clis.For(new WorkloadSampling { Iterations = 4, BudgetSeconds = 30 });
        Assert.Equal((1, 30.0), (workload.Iterations, workload.Budget.TotalSeconds));
        var given = (Ab with { FromCommandLine = new HashSet<string> { "--iterations" } }).ForAbOfProcesses();
        Assert.Equal(3, given.Iterations);
    }

    [Fact]
    public void Drift_that_hits_both_engines_of_a_round_does_not_keep_the_pair_sampling()
    {
        // The machine slows by up to 60% from round to round; head is 3% slower in every round, with ±0.3% jitter.
        double Drift(int r) => 1 + 0.6 * (r * 7 % 5) / 4.0;
        double Jitter(int r) => 1 + 0.003 * (r % 3 - 1);
        var b = Rounds("base", 6, Drift, _ => 1);
        var h = Rounds("head", 6, Drift, r => 1.03 * Jitter(r));
        // Each engine's own median is nowhere near ±1%: the per-cell rule would go on to the maximum.
        Assert.Null(StopRule.Decide(Ab with { CiTarget = 0.01 }, 6, TimeSpan.FromSeconds(1), b, failed: false));
        Assert.Null(AbStopRule.Decide(Ab, 5, TimeSpan.FromSeconds(1), b.Where(s => s.Round < 5).ToList(), h.Where(s => s.Round < 5).ToList()));
        Assert.Equal(StopReasons.CiTarget, AbStopRule.Decide(Ab, 6, TimeSpan.FromSeconds(1), b, h));
        var (metric, pairs) = AbStopRule.Pairs(b, h);
        Assert.Equal("wall", metric);
        Assert.Equal(6, pairs.Count);
        Assert.All(pairs, p => Assert.InRange(p.Ratio, 1.026, 1.034));
        // CPU time where both engines report it.
        Assert.Equal("cpu", AbStopRule.Pairs(Rounds("base", 6, Drift, _ => 1, cpu: true), Rounds("head", 6, Drift, _ => 1, cpu: true)).Metric);
        Assert.Equal("wall", AbStopRule.Pairs(Rounds("base", 6, Drift, _ => 1, cpu: true), h).Metric);
    }

    [Fact]
    public void A_ratio_that_moves_round_by_round_samples_until_the_maximum_or_the_budget()
    {
        double Noise(int r) => 1 + 0.2 * ((r * 5 % 7) - 3) / 3.0;
        var b = Rounds("base", 12, _ => 1, _ => 1);
        var h = Rounds("head", 12, _ => 1, Noise);
        Assert.Null(AbStopRule.Decide(Ab, 12, TimeSpan.FromSeconds(10), b, h));
        Assert.Equal(StopReasons.Budget, AbStopRule.Decide(Ab, 12, TimeSpan.FromSeconds(90), b, h));
        Assert.Equal(StopReasons.MaxProcesses, AbStopRule.Decide(Ab with { MaxProcesses = 12 }, 12, TimeSpan.FromSeconds(1), b, h));
        Assert.Equal(StopReasons.Fixed, AbStopRule.Decide(Ab with { MaxProcesses = 6 }, 6, TimeSpan.FromSeconds(1), b, h));
    }
}
