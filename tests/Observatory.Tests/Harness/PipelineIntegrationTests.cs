using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Harness.Corpus;
using Observatory.Harness.Running;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// The whole path with real compilers and runtimes: clang builds a workload to wasm and
/// native, Wasmtime, Node and native run it, outputs are verified, results are stored.
/// </summary>
public class PipelineIntegrationTests
{
    private static readonly RunProfile Tiny = new("quick", 2, 2, TimeSpan.FromSeconds(60));

    private static IReadOnlyList<IEngine> FoundationEngines()
    {
        var all = EngineCatalog.Discover(new EngineEnvironment { RepositoryRoot = Repo.Root });
        var chosen = all.Where(e => e.Descriptor.Id == "native" || e.Descriptor.Id.StartsWith("wasmtime-50.0.1/cranelift", StringComparison.Ordinal) && !e.Descriptor.Id.Contains('+')
                                    || !e.Descriptor.Emulated && e.Descriptor.Id.StartsWith("node-20", StringComparison.Ordinal) && e.Descriptor.Id.EndsWith("/default", StringComparison.Ordinal)).ToList();
        Assert.All(chosen, e => Assert.Equal(EngineStatus.Ready, e.Descriptor.Status));
        Assert.Equal(3, chosen.Count);
        return chosen;
    }

    private static (IReadOnlyList<BuildArtifact>, RunInfo) BuildAndRun(TempDirectory dir, IEnumerable<Observatory.Core.Workloads.WorkloadManifest> workloads, RunProfile? profile = null)
    {
        var builder = new WorkloadBuilder(dir.Combine("artifacts"), new Toolchain(dir.Combine("toolchain")), TextWriter.Null);
        var artifacts = builder.BuildAll(workloads);
        var executor = new RunExecutor(profile ?? Tiny, dir.Combine("scratch"), TextWriter.Null);
        var run = executor.Execute("it-" + Guid.NewGuid().ToString("N")[..6], "", artifacts, FoundationEngines(), FingerprintProbe.Capture());
        return (artifacts, run);
    }

    [Fact]
    public void A_kernel_builds_and_runs_on_wasmtime_node_and_native_with_equal_outputs()
    {
        using var dir = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(dir);
        var w = TestWorkloads.Add(corpus, "sum", TestWorkloads.Sum, "[\"200000\"]");
        var (artifacts, run) = BuildAndRun(dir, [w]);

        var a = Assert.Single(artifacts);
        Assert.True(a.Ok, a.Error);
        Assert.Equal(3, run.Cells.Count);
        Assert.All(run.Cells, c => Assert.Equal(Outcome.Ok, c.Outcome));
        Assert.Single(run.Samples.Select(s => s.StdoutSha256).Distinct());
        // Every wasm sample has its phases and the bench region; native has the region from bench.h.
        Assert.All(run.Samples.Where(s => s.Engine != "native"), s =>
        {
            Assert.NotNull(s.CompileNs);
            Assert.NotNull(s.InstantiateNs);
            Assert.NotNull(s.ExecuteNs);
            Assert.NotNull(s.RegionNs);
            Assert.True(s.RegionNs <= s.ExecuteNs);
        });
        Assert.All(run.Samples.Where(s => s.Engine == "native"), s => Assert.NotNull(s.RegionNs));
        Assert.All(run.Samples.Where(s => s.IsCold), s => Assert.NotNull(s.TotalNs));
        Assert.All(run.Samples, s => Assert.True(s.PeakRssKb > 0));
        var nativeCell = run.Cells.Single(c => c.Engine == "native");
        Assert.Equal(1.0, nativeCell.RatioToNative!.Value, 6);
        Assert.All(run.Cells, c => Assert.True(c.RatioCiLow <= c.RatioToNative && c.RatioToNative <= c.RatioCiHigh));
    }

    [Fact]
    public void A_module_using_64_MiB_of_memory_runs_repeatedly_on_every_engine()
    {
        using var dir = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(dir);
        var (_, run) = BuildAndRun(dir, [TestWorkloads.Add(corpus, "bigmem", TestWorkloads.BigMemory)], new RunProfile("quick", 1, 3, TimeSpan.FromSeconds(60)));
        Assert.All(run.Cells, c => Assert.Equal(Outcome.Ok, c.Outcome));
        Assert.All(run.Samples.Where(s => s.Engine != "native"), s => Assert.True(s.PeakRssKb > 64 * 1024));
    }

    [Fact]
    public void Two_builds_in_a_row_give_identical_wasm_and_the_second_is_cached()
    {
        using var dir = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(dir);
        var w = TestWorkloads.Add(corpus, "sum", TestWorkloads.Sum);
        var first = new WorkloadBuilder(dir.Combine("a"), new Toolchain(dir.Combine("t")), TextWriter.Null).BuildAll([w]).Single();
        var cached = new WorkloadBuilder(dir.Combine("a"), new Toolchain(dir.Combine("t")), TextWriter.Null).BuildAll([w]).Single();
        var fresh = new WorkloadBuilder(dir.Combine("b"), new Toolchain(dir.Combine("t")), TextWriter.Null).BuildAll([w]).Single();
        Assert.False(first.Cached);
        Assert.True(cached.Cached);
        Assert.False(fresh.Cached);
        Assert.Equal(first.WasmSha256, fresh.WasmSha256);
        Assert.Equal(first.NativeSha256, fresh.NativeSha256);
    }

    [Fact]
    public void A_build_failure_reports_the_compiler_message_and_others_still_build()
    {
        using var dir = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(dir);
        var bad = TestWorkloads.Add(corpus, "bad", "int main(void) { return undefined_thing; }\n");
        var good = TestWorkloads.Add(corpus, "good", TestWorkloads.Sum);
        var built = new WorkloadBuilder(dir.Combine("a"), new Toolchain(dir.Combine("t")), TextWriter.Null).BuildAll([bad, good]);
        var b = built.Single(x => x.Workload.Name == "bad");
        Assert.False(b.Ok);
        Assert.Contains("undefined_thing", b.Error);
        Assert.Contains("main.c", b.Error);
        Assert.True(built.Single(x => x.Workload.Name == "good").Ok);
    }

    [Fact]
    public void Traps_and_wrong_outputs_are_recorded_as_such_never_as_timings_and_nothing_stored_is_lost()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        var corpus = TestWorkloads.NewCorpus(dir);
        var (_, good) = BuildAndRun(dir, [TestWorkloads.Add(corpus, "sum", TestWorkloads.Sum)], new RunProfile("quick", 1, 1, TimeSpan.FromSeconds(60)));
        using (var store = ObservatoryStore.Open(db)) Assert.True(store.Ingest(good));

        var trap = TestWorkloads.Add(corpus, "trap", TestWorkloads.Trap);
        var differs = TestWorkloads.Add(corpus, "differs", TestWorkloads.Differs);
        var (_, bad) = BuildAndRun(dir, [trap, differs], new RunProfile("quick", 1, 2, TimeSpan.FromSeconds(60)));

        foreach (var c in bad.Cells.Where(c => c.Workload == "trap" && c.Engine != "native"))
        {
            Assert.Equal(Outcome.Trap, c.Outcome);
            Assert.Null(c.MedianNs);
            Assert.Null(c.RatioToNative);
        }
        // Natively __builtin_trap is SIGILL: a crash of the process.
        Assert.Equal(Outcome.Crash, bad.Cells.Single(c => c.Workload == "trap" && c.Engine == "native").Outcome);
        foreach (var c in bad.Cells.Where(c => c.Workload == "differs" && c.Engine != "native"))
        {
            Assert.Equal(Outcome.WrongOutput, c.Outcome);
            Assert.Null(c.MedianNs);
            Assert.Contains("differs from native", c.Message);
        }
        Assert.Equal(Outcome.Ok, bad.Cells.Single(c => c.Workload == "differs" && c.Engine == "native").Outcome);

        using (var store = ObservatoryStore.Open(db))
        {
            Assert.True(store.Ingest(bad));
            Assert.Equal(2, store.Scalar<long>("SELECT count(*) FROM runs"));
            Assert.Equal(good.Samples.Count, store.Scalar<long>($"SELECT count(*) FROM samples WHERE run_id = '{good.RunId}'"));
            Assert.Equal(0, store.Scalar<long>($"SELECT count(*) FROM outcomes WHERE run_id = '{bad.RunId}' AND outcome <> 'ok' AND median_ns IS NOT NULL"));
        }
    }

    [Fact]
    public void An_endless_module_times_out_on_every_engine()
    {
        using var dir = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(dir);
        var spin = TestWorkloads.Add(corpus, "spin", TestWorkloads.Spin);
        var (_, run) = BuildAndRun(dir, [spin], new RunProfile("quick", 1, 1, TimeSpan.FromSeconds(3)));
        Assert.Equal(3, run.Cells.Count);
        Assert.All(run.Cells, c => Assert.Equal(Outcome.Timeout, c.Outcome));
    }
}
