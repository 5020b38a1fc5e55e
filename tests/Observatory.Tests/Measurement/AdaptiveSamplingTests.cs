using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Core.Statistics;
using Observatory.Harness.Running;
using Observatory.Tests.Support;

namespace Observatory.Tests.Measurement;

/// <summary>
/// The adaptive protocol on a real, cheap workload (a native sum loop: one process per
/// sample, a few milliseconds each). The assertions are on sample counts and stop
/// reasons, which the protocol guarantees, never on how long anything took.
/// </summary>
[Collection(MeasurementProcesses.Name)]
public class AdaptiveSamplingTests
{
    private static RunInfo Run(TempDirectory dir, RunProfile profile, string source = MeasurementFixture.Sum, string args = "[\"200000\"]")
    {
        var a = MeasurementFixture.Build(dir, "sum", source, args);
        var executor = new RunExecutor(profile, dir.Combine("scratch"), TextWriter.Null);
        return executor.Execute("adaptive-" + Guid.NewGuid().ToString("N")[..6], "", [a], [MeasurementFixture.Native], FingerprintProbe.Capture());
    }

    // Native slots are (iterations - 1 - warm-up) one-iteration processes: 2 here, so
    // slots and processes are easy to tell apart in the assertions.
    private static RunProfile Profile(int min, int max, double ciTarget, double budgetSeconds) =>
        new("quick", min, 3, TimeSpan.FromSeconds(60)) { MaxProcesses = max, CiTarget = ciTarget, Budget = TimeSpan.FromSeconds(budgetSeconds) };

    [Fact]
    public void A_met_ci_target_stops_sampling_within_the_bounds_and_the_cell_says_so()
    {
        using var dir = new TempDirectory();
        // ±90%: any sane spread of a few milliseconds of CPU meets it once the CI can reach 95% (6 samples).
        var run = Run(dir, Profile(3, 12, 0.9, 600));
        var cell = Assert.Single(run.Cells);
        Assert.Equal(Outcome.Ok, cell.Outcome);
        Assert.Equal(StopReasons.CiTarget, cell.StopReason);
        Assert.True(cell.CiTargetMet);
        Assert.InRange(cell.Processes, 6, 24);
        Assert.Equal(0, cell.Processes % 2);
        Assert.Equal(cell.Processes, run.Samples.Count);
        // The stop rule's own test holds on the stored samples.
        Assert.True(MedianConfidenceInterval.IsWithin(StopRule.StopSamples(run.Samples), 0.9));
        Assert.Equal(3, run.Protocol!.MinProcesses);
        Assert.Equal(12, run.Protocol.MaxProcesses);
        Assert.Equal(0.9, run.Protocol.CiTarget);
    }

    [Fact]
    public void An_unreachable_target_runs_to_the_maximum_count()
    {
        using var dir = new TempDirectory();
        var run = Run(dir, Profile(2, 4, 1e-9, 600));
        var cell = Assert.Single(run.Cells);
        Assert.Equal(StopReasons.MaxProcesses, cell.StopReason);
        Assert.False(cell.CiTargetMet);
        Assert.Equal(8, cell.Processes); // 4 slots x 2 native processes
        Assert.Equal(8, run.Samples.Select(s => s.Process).Distinct().Count());
        // Native samples carry their process's CPU time; one is dropped (null) only when a
        // parallel test's child process was reaped meanwhile and would have been counted in.
        Assert.All(run.Samples, s => Assert.True(s.CpuNs is null or > 0));
        Assert.Contains(run.Samples, s => s.CpuNs > 0);
    }

    [Fact]
    public void A_spent_budget_stops_sampling_after_one_slot_even_below_the_minimum()
    {
        using var dir = new TempDirectory();
        var run = Run(dir, Profile(2, 50, 1e-9, 1e-6));
        var cell = Assert.Single(run.Cells);
        Assert.Equal(StopReasons.Budget, cell.StopReason);
        Assert.Equal(2, cell.Processes); // 1 slot x 2 native processes: the budget wins over the minimum of 2 slots
    }

    [Fact]
    public void A_failing_cell_stops_after_its_first_slot()
    {
        using var dir = new TempDirectory();
        var run = Run(dir, Profile(3, 12, 0.02, 600), TestWorkloads.Trap, "[]");
        var cell = Assert.Single(run.Cells);
        Assert.Equal(Outcome.Crash, cell.Outcome);
        Assert.Equal(StopReasons.Failed, cell.StopReason);
        Assert.Equal(2, cell.Processes);
    }

    [Fact]
    public void Engine_processes_give_one_cold_sample_then_warm_ups_then_warm_samples()
    {
        using var dir = new TempDirectory();
        var a = MeasurementFixture.Build(dir, "sum", MeasurementFixture.Sum, "[\"100000\"]");
        var profile = new RunProfile("quick", 2, 4, TimeSpan.FromSeconds(60)) { WarmupIterations = 1 };
        var run = new RunExecutor(profile, dir.Combine("scratch"), TextWriter.Null)
            .Execute("warm-" + Guid.NewGuid().ToString("N")[..6], "", [a], [MeasurementFixture.Wasmtime], FingerprintProbe.Capture());
        Assert.Equal(8, run.Samples.Count);
        Assert.All(run.Samples, s =>
        {
            Assert.Equal(s.Iteration == 1, s.Warmup);
            Assert.Equal(s.Iteration == 0, s.TotalNs is not null); // end to end: once per fresh process
            Assert.NotNull(s.CompileNs);
            Assert.True(s.CpuNs > 0);
            Assert.True(s.LinearMemoryBytes > 0 && s.LinearMemoryBytes % 65536 == 0, "linear memory is whole wasm pages");
            Assert.True(s.PeakRssKb > 0);
        });
        var cell = Assert.Single(run.Cells);
        Assert.Equal(4, cell.Samples); // iterations 2 and 3 of two processes
        Assert.Equal(StopReasons.Fixed, cell.StopReason);
        Assert.NotNull(cell.ColdTotalMedianNs);
        Assert.NotNull(cell.MedianCpuNs);
        Assert.True(cell.MaxLinearMemoryBytes > 0);
    }
}
