using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Harness.Running;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;
using Observatory.Tests.Support;
using Verdict = Observatory.Core.Statistics.Verdict;

namespace Observatory.Tests.Measurement;

/// <summary>`run --ab BASE,HEAD`: two engines in the same rounds, A B B A, judged against each other within the run.</summary>
[Collection(MeasurementProcesses.Name)]
public class AbRunTests
{
    [Fact]
    public void Two_engines_take_turns_a_b_b_a()
    {
        var order = Enumerable.Range(0, 4).SelectMany(r => RoundOrder.Of(["A", "B"], r));
        Assert.Equal("ABBAABBA", string.Concat(order));
        // Three engines rotate: nobody always goes first.
        Assert.Equal("ABCBCACAB", string.Concat(Enumerable.Range(0, 3).SelectMany(r => RoundOrder.Of(["A", "B", "C"], r))));
        Assert.Empty(RoundOrder.Of(Array.Empty<string>(), 3));
    }

    [Fact]
    public void An_ab_run_samples_both_engines_in_every_round_and_compares_head_against_base()
    {
        using var dir = new TempDirectory();
        var a = MeasurementFixture.Build(dir, "sum", MeasurementFixture.Sum, "[\"3000000\"]");
        var (baseEngine, head) = (MeasurementFixture.Wasmtime, MeasurementFixture.Engines("wasmtime-50.0.1/cranelift+pooling").Single());
        var ab = new AbPair(baseEngine.Descriptor.Id, head.Descriptor.Id);
        var executor = new RunExecutor(new RunProfile("quick", 4, 2, TimeSpan.FromSeconds(60)), dir.Combine("scratch"), TextWriter.Null) { Ab = ab };
        var fp = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "test" });
        var run = executor.Execute("ab-run", "ab", [a], [baseEngine, head], fp);

        Assert.Equal(ab, run.Protocol!.Ab);
        Assert.Null(run.Protocol.Reference); // no native ran: nothing to normalize by
        var rounds = run.Samples.GroupBy(s => s.Engine).ToDictionary(g => g.Key, g => g.Select(s => s.Round).Distinct().Order().ToList());
        Assert.Equal([0, 1, 2, 3], rounds[ab.Base].Select(r => r!.Value));
        Assert.Equal(rounds[ab.Base], rounds[ab.Head]);

        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        Assert.True(store.Ingest(run));
        var stored = RunReference.Resolve(store, "ab");
        Assert.Equal(ab, AbRun.Of(store, stored.RunId));
        var report = RunComparer.CompareAb(store, stored, ab, ComparisonMetric.Wall);
        var cell = Assert.Single(report.Cells);
        Assert.Equal(("sum", head.Descriptor.Id), (cell.Workload, cell.Engine));
        Assert.Equal(4, cell.BaseSamples); // one warm sample per process, four processes
        Assert.Equal(4, cell.DiffSamples);
        Assert.Equal(ab, report.Ab);
    }

    [Fact]
    public void Compare_ab_judges_a_slower_head_from_its_own_rounds()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        // Head 3% slower than base in every round, both drifting together by 25% over the run: only pairing by round sees it.
        var samples = DriftingRuns.Samples(r => 1.0 + 0.05 * r, engineFactor: 1.03)
            .Select(s => s.Engine == DriftingRuns.Native ? s with { Engine = "base" } : s with { Engine = "head" }).ToList();
        var twin = DriftingRuns.Samples(r => 1.0 + 0.05 * r).Where(s => s.Engine == DriftingRuns.Engine).Select(s => s with { Engine = "base" });
        var run = SampleRuns.Make("ab-synthetic", "ab") with
        {
            Samples = [.. samples.Where(s => s.Engine == "head"), .. twin],
            Cells = new[] { "base", "head" }.Select(e => new Cell { Workload = "sum", Variant = "O2", Engine = e, Outcome = Outcome.Ok, Samples = 12 }).ToList(),
            Protocol = new RunProtocol { Ab = new AbPair("base", "head") },
        };
        Assert.True(store.Ingest(run));
        var ab = AbRun.Of(store, "ab-synthetic")!;
        var c = Assert.Single(RunComparer.CompareAb(store, RunReference.Resolve(store, "ab"), ab, ComparisonMetric.Wall).Cells);
        Assert.Equal(Verdict.Slower, c.Verdict);
        Assert.InRange(c.Ratio, 1.025, 1.035);
    }

    [Fact]
    public void Ab_usage_mistakes_are_one_line_naming_the_option()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var db = dir.Combine("o.duckdb");
        var one = MeasurementFixture.Cli(root, "run", "--ab", "native", "--db", db);
        Assert.Equal(2, one.ExitCode);
        Assert.Contains("--ab takes two engines, BASE,HEAD (got 'native')", one.Error);
        var many = MeasurementFixture.Cli(root, "run", "--ab", "native,wasmtime-*", "--db", db);
        Assert.Contains("--ab: HEAD 'wasmtime-*' matches", many.Error);
        var both = MeasurementFixture.Cli(root, "run", "--ab", "native,wasmtime-*/cranelift", "--engines", "native", "--db", db);
        Assert.Contains("leave out --engines", both.Error);
        var reference = MeasurementFixture.Cli(root, "run", "--engines", "native", "--reference", "node-*", "--db", db, "--no-overhead");
        Assert.Contains("--reference 'node-*' is not one of this run's engines", reference.Error);
        Assert.All(new[] { one, many, both, reference }, r => Assert.Single(r.Error.Trim().Split('\n')));
    }
}
