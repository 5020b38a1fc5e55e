using System.Text.Json.Nodes;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Core.Statistics;
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
        Assert.Equal(4, cell.Rounds); // every round paired
        Assert.Equal(ab, report.Ab);
        // The stop rule pairs the rounds as computed here from the samples (CPU time: both engines report it).
        Assert.Equal(Paired(run.Samples, ab, s => s.HeadlineNs is null ? null : s.CpuNs).Select(p => p.Ratio), PairedRatios(run.Samples, ab));
    }

    /// <summary>Per round, each engine's median of its warm samples (computed here from the run, independently of the comparer).</summary>
    private static IReadOnlyList<RoundPair> Paired(IReadOnlyList<Sample> samples, AbPair ab, Func<Sample, long?> value)
    {
        Dictionary<int, double> Medians(string engine) => samples.Where(s => s.Engine == ab.Base || s.Engine == ab.Head)
            .Where(s => s.Engine == engine && s.Outcome == Outcome.Ok && s.IsWarm && value(s) is not null)
            .GroupBy(s => s.Round!.Value).ToDictionary(g => g.Key, g => Descriptive.Median(g.Select(s => (double)value(s)!.Value).ToList()));
        var (b, h) = (Medians(ab.Base), Medians(ab.Head));
        return b.Keys.Where(h.ContainsKey).Order().Select(r => new RoundPair(r, b[r], h[r])).ToList();
    }

    private static IEnumerable<double> PairedRatios(IReadOnlyList<Sample> samples, AbPair ab) =>
        AbStopRule.Pairs(samples.Where(s => s.Engine == ab.Base).ToList(), samples.Where(s => s.Engine == ab.Head).ToList()).Rounds.Select(p => p.Ratio);

    /// <summary>Two [[cli]] runtimes over node's WASI (bench/ab-runner.mjs, no extra work): identical builds under two names.</summary>
    private static IReadOnlyList<IEngine> IdenticalClis(TempDirectory dir)
    {
        string Cli(string name) => $$"""
            [[cli]]
            name = "{{name}}"
            command = "node"
            version_args = ["--version"]
            version_pattern = 'v(\d+\.\d+\.\d+)'
            run = ["{{Path.Combine(Repo.Root, "bench", "ab-runner.mjs")}}", "0", "{preopens}", "{wasm}", "{args}"]
            preopen = ["--dir={host}::{guest}"]

            """;
        var toml = dir.Combine("runtimes.toml");
        File.WriteAllText(toml, Cli("ab-base") + Cli("ab-twin"));
        var all = new RuntimeCliProvider().Discover(new EngineEnvironment { RepositoryRoot = Repo.Root, RuntimesConfigPath = toml }).ToList();
        IEngine[] engines = [all.Single(e => e.Descriptor.Family == "ab-base"), all.Single(e => e.Descriptor.Family == "ab-twin")];
        Assert.All(engines, e => Assert.True(e.Descriptor.Status == Observatory.Core.Engines.EngineStatus.Ready, e.Descriptor.Reason));
        return engines;
    }

    [Fact]
    public void Identical_clis_are_judged_on_paired_rounds_and_never_slower_beyond_the_rule()
    {
        using var dir = new TempDirectory();
        var a = MeasurementFixture.Build(dir, "sum", MeasurementFixture.Sum, "[\"2000000\"]");
        var engines = IdenticalClis(dir);
        var ab = new AbPair(engines[0].Descriptor.Id, engines[1].Descriptor.Id);
        // Adaptive, aimed at the paired ratio: 6 to 10 rounds of one cold and one warm process each.
        var profile = new RunProfile("quick", 6, 2, TimeSpan.FromSeconds(60)) { MaxProcesses = 10, CiTarget = 0.5, Budget = TimeSpan.FromSeconds(120) };
        var run = new RunExecutor(profile, dir.Combine("scratch"), TextWriter.Null) { Ab = ab }
            .Execute("ab-twins", "twins", [a], engines, FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "test" }));

        // The pair is one decision: same rounds, same reason.
        var (b, h) = (run.Cells.Single(c => c.Engine == ab.Base), run.Cells.Single(c => c.Engine == ab.Head));
        Assert.Equal(b.Processes, h.Processes);
        Assert.Equal(b.StopReason, h.StopReason);
        Assert.InRange(b.Processes, 6, 10);
        // Every CLI process reports the kernel's account of its CPU time (obs-rusage): the pair is judged on it.
        Assert.All(run.Samples.Where(s => s.Engine == ab.Base || s.Engine == ab.Head), s => Assert.True(s.CpuNs > 0));
        var pairs = Paired(run.Samples, ab, s => s.HeadlineNs is null ? null : s.CpuNs);
        Assert.Equal(b.Processes, pairs.Count);
        if (b.StopReason == StopReasons.CiTarget)
            Assert.True(PairedComparison.HodgesLehmann(pairs.Select(p => p.Ratio).ToList()).RelativeHalfWidth <= 0.5);
        else Assert.Equal(StopReasons.MaxProcesses, b.StopReason);

        var db = dir.Combine("o.duckdb");
        using (var store = ObservatoryStore.Open(db))
        {
            Assert.True(store.Ingest(run));
            var cell = Assert.Single(RunComparer.CompareAb(store, RunReference.Resolve(store, "twins"), ab, ComparisonMetric.Auto).Cells);
            Assert.Equal("cpu", cell.Metric);
            Assert.Equal(pairs.Count, cell.Rounds);
            // The comparer's ratio is the Hodges-Lehmann estimate of the rounds' log ratios (median of the Walsh averages), as computed here from the run.
            var logs = pairs.Select(p => Math.Log(p.Ratio)).ToList();
            var walsh = logs.SelectMany((x, i) => logs.Skip(i).Select(y => (x + y) / 2)).ToList();
            var expected = Math.Exp(Descriptive.Median(walsh));
            Assert.Equal(expected, cell.Ratio, 9);
            Assert.InRange(cell.P!.Value, 1e-9, 1);
            Assert.True(cell.CiLow <= cell.Ratio && cell.Ratio <= cell.CiHigh);
            // Identical builds: a verdict other than Same only as the rule allows it (CI clear of 1, p and the 2% threshold).
            if (cell.Verdict != Verdict.Same)
                Assert.True((cell.CiLow > 1 || cell.CiHigh < 1) && cell.PAdjusted < 0.05 && Math.Abs(cell.Ratio - 1) > RunComparer.AbThreshold, cell.Reason);
            if (Math.Abs(cell.Ratio - 1) <= RunComparer.AbThreshold || cell.CiLow <= 1 && cell.CiHigh >= 1) Assert.Equal(Verdict.Same, cell.Verdict);
        }

        // compare of the run: the table, --json and --markdown carry the rounds, the metric and the rule.
        var text = MeasurementFixture.Cli(Repo.Root, "compare", run.RunId, "--db", db);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("paired by round", text.Out);
        Assert.Contains("decided on cpu (1 cell)", text.Out);
        Assert.Contains("Wilcoxon signed-rank", text.Out);
        var json = JsonNode.Parse(MeasurementFixture.Cli(Repo.Root, "compare", run.RunId, "--db", db, "--json").Out)!;
        Assert.Equal(pairs.Count, (int)json["cells"]![0]!["rounds"]!);
        Assert.Equal("cpu", (string)json["cells"]![0]!["metric"]!);
        Assert.Equal("ns", (string)json["unit"]!);
        Assert.Contains("Hodges-Lehmann", (string)json["ab"]!["statistic"]!);
        Assert.Contains("ratio > 1.02", (string)json["ab"]!["rule"]!);
        var markdown = MeasurementFixture.Cli(Repo.Root, "compare", run.RunId, "--db", db, "--markdown").Out;
        Assert.Contains("| rounds |", markdown);
        Assert.Contains("decided on cpu (1 cell)", markdown);
    }

    [Fact]
    public void An_instruction_counted_ab_run_calls_a_head_doing_more_work_slower_without_any_timing()
    {
        using var dir = new TempDirectory();
        var a = MeasurementFixture.Build(dir, "sum", MeasurementFixture.Sum, "[\"300000\"]");
        var valgrind = InstructionCounter.FindValgrind();
        Assert.True(valgrind is not null, "valgrind is part of the development machines' setup (apt-get install valgrind)");
        // Head: the same Wasmtime with Cranelift's optimizer off, a build that executes more instructions for the same module.
        var (baseEngine, head) = (MeasurementFixture.Wasmtime, MeasurementFixture.Engines("wasmtime-50.0.1/cranelift+opt-none").Single());
        var ab = new AbPair(baseEngine.Descriptor.Id, head.Descriptor.Id);
        var executor = new RunExecutor(new RunProfile("quick", 1, 1, TimeSpan.FromSeconds(120)), dir.Combine("scratch"), TextWriter.Null)
        {
            Ab = ab, Measures = [Measure.Instructions], InstructionCounter = new InstructionCounter(valgrind!),
        };
        var run = executor.Execute("ab-counted", "counted", [a], [baseEngine, head], FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "test" }));
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        Assert.True(store.Ingest(run));
        var cell = Assert.Single(RunComparer.CompareAb(store, RunReference.Resolve(store, "counted"), ab, ComparisonMetric.Auto).Cells);
        Assert.Equal("instructions", cell.Metric);
        Assert.Null(cell.P); // counts: decided on the ratio alone
        Assert.Null(cell.Rounds);
        Assert.True(cell.Ratio > 1.02, $"opt-none counted {cell.DiffMedian:N0} against {cell.BaseMedian:N0}");
        Assert.Equal(Verdict.Slower, cell.Verdict);
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
