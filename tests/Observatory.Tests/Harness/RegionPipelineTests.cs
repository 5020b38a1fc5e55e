using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Core.Workloads;
using Observatory.Harness.Corpus;
using Observatory.Harness.Running;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// One real run, shared by the tests below: clang builds three small C workloads (two named
/// regions with counts printed on stdout; three bench pairs against two declared; a burst
/// variant serving 5 requests that each read stdin), native, Wasmtime (on-demand and pooling),
/// wasm.h over libwasmtime and Node 20 run them, outputs are verified and regions summarised.
/// </summary>
public sealed class RegionRunFixture : IDisposable
{
    public const int Requests = 5;

    public TempDirectory Dir { get; } = new();
    public RunInfo Run { get; }
    public string Log { get; }
    public string ThreeManifest { get; }

    public const string TwoRegions = """
        #include <stdio.h>
        #include <stdlib.h>
        #include "../bench.h"
        int main(int argc, char **argv) {
            long long n = argc > 1 ? atoll(argv[1]) : 1000;
            volatile long long s = 0;
            bench_start();
            for (long long i = 1; i <= n; i++) s += i;
            bench_end();
            bench_start();
            for (long long i = 1; i <= n / 4; i++) s -= i;
            bench_end();
            printf("items=%lld rest=%lld sum %lld\n", n, n / 4, (long long)s);
            return 0;
        }
        """;

    private const string ThreePairs = """
        #include <stdio.h>
        #include "../bench.h"
        int main(void) {
            volatile int s = 0;
            for (int k = 0; k < 3; k++) { bench_start(); for (int i = 0; i < 100000; i++) s += i; bench_end(); }
            printf("%d\n", s);
            return 0;
        }
        """;

    private const string Handler = """
        #include <stdio.h>
        #include "../bench.h"
        int main(void) {
            char line[128];
            bench_start();
            if (!fgets(line, sizeof line, stdin)) return 3;
            bench_end();
            printf("handled %s", line);
            return 0;
        }
        """;

    public RegionRunFixture()
    {
        var corpus = TestWorkloads.NewCorpus(Dir);
        var two = TestWorkloads.Add(corpus, "two", TwoRegions, "[\"400000\"]", """
            [[regions]]
            name = "first"
            unit = "items"
            count = 'items=(\d+)'
            [[regions]]
            name = "second"
            unit = "items"
            count = 'rest=(\d+)'
            """);
        var three = TestWorkloads.Add(corpus, "three", ThreePairs, extra: """
            [[regions]]
            name = "a"
            [[regions]]
            name = "b"
            """);
        ThreeManifest = three.ManifestPath;
        Dir.Write("workloads/burst/request.txt", "GET /order/42\n");
        Dir.Write("workloads/burst/main.c", Handler);
        var burst = WorkloadManifestLoader.Load(Dir.Write("workloads/burst/workload.toml", $"""
            name = "burst"
            category = "serverless"
            language = "c"
            sources = ["main.c"]
            stdin = "request.txt"
            [variants.O2-burst]
            flags = ["-O2"]
            requests = {Requests}
            """));

        var builder = new WorkloadBuilder(Dir.Combine("artifacts"), new Toolchain(Dir.Combine("toolchain")), TextWriter.Null);
        var artifacts = builder.BuildAll([two, three, burst]);
        Assert.All(artifacts, a => Assert.True(a.Ok, a.Error));
        var log = new StringWriter();
        var executor = new RunExecutor(new RunProfile("quick", 2, 2, TimeSpan.FromSeconds(60)), Dir.Combine("scratch"), log);
        Run = executor.Execute("regions-" + Guid.NewGuid().ToString("N")[..6], "", artifacts, Engines(), FingerprintProbe.Capture());
        Log = log.ToString();
    }

    public static readonly string[] EngineIds =
    [
        "native", "wasmtime-50.0.1/cranelift", "wasmtime-50.0.1/cranelift+pooling", "wasmc-wasmtime-50.0.1",
    ];

    private static IReadOnlyList<IEngine> Engines()
    {
        var all = EngineCatalog.Discover(new EngineEnvironment { RepositoryRoot = Repo.Root });
        var chosen = all.Where(e => EngineIds.Contains(e.Descriptor.Id)
                                    || !e.Descriptor.Emulated && e.Descriptor.Id.StartsWith("node-20", StringComparison.Ordinal) && e.Descriptor.Id.EndsWith("/default", StringComparison.Ordinal)).ToList();
        Assert.All(chosen, e => Assert.Equal(EngineStatus.Ready, e.Descriptor.Status));
        Assert.Equal(5, chosen.Count);
        return chosen;
    }

    public void Dispose() => Dir.Dispose();
}

public class RegionPipelineTests(RegionRunFixture f) : IClassFixture<RegionRunFixture>
{
    [Fact]
    public void Every_engine_reports_two_spans_in_call_order_that_add_up_to_the_region()
    {
        var samples = f.Run.Samples.Where(s => s.Workload == "two").ToList();
        Assert.Equal(5, samples.Select(s => s.Engine).Distinct().Count());
        Assert.All(samples, s =>
        {
            Assert.Equal(Outcome.Ok, s.Outcome);
            Assert.NotNull(s.RegionsNs);
            Assert.Equal(2, s.RegionsNs!.Count);
            Assert.All(s.RegionsNs, ns => Assert.True(ns > 0, $"{s.Engine}: empty span"));
            Assert.NotEqual(s.RegionsNs[0], s.RegionsNs[1]);
            // The headline is still the sum (engines may round each span to ns separately).
            Assert.InRange(s.RegionNs!.Value - s.RegionsNs.Sum(), -2, 2);
        });
    }

    [Fact]
    public void Regions_are_named_counted_from_stdout_and_rated_per_engine()
    {
        foreach (var engine in f.Run.Cells.Where(c => c.Workload == "two").Select(c => c.Engine))
        {
            var regions = f.Run.Regions.Where(r => r.Workload == "two" && r.Engine == engine).OrderBy(r => r.Index).ToList();
            Assert.Equal(["first", "second"], regions.Select(r => r.Name));
            Assert.Equal([400000L, 100000L], regions.Select(r => r.Count!.Value));
            Assert.All(regions, r =>
            {
                Assert.Equal("items", r.Unit);
                Assert.True(r.CiLowNs <= r.MedianNs && r.MedianNs <= r.CiHighNs);
                Assert.Equal(r.Count!.Value / (r.MedianNs!.Value / 1e9), r.RatePerSecond!.Value, 6);
            });
            // The spans behind the first region's median are the samples' first spans.
            var cell = f.Run.Cells.Single(c => c.Workload == "two" && c.Engine == engine);
            Assert.Equal(cell.Samples, regions[0].Samples);
        }
    }

    [Fact]
    public void Extra_spans_are_named_region_N_and_the_run_warns_once_naming_the_manifest()
    {
        var regions = f.Run.Regions.Where(r => r.Workload == "three" && r.Engine == "native").OrderBy(r => r.Index).ToList();
        Assert.Equal(["a", "b", "region 3"], regions.Select(r => r.Name));
        Assert.False(regions[2].Declared);
        Assert.All(f.Run.Cells.Where(c => c.Workload == "three"), c => Assert.Equal(Outcome.Ok, c.Outcome));
        var warnings = f.Log.Split('\n').Where(l => l.StartsWith("warning:", StringComparison.Ordinal) && l.Contains(f.ThreeManifest)).ToList();
        Assert.Single(warnings);
        Assert.Contains("declares 2 region(s)", warnings[0]);
    }

    [Fact]
    public void A_burst_variant_runs_N_fresh_instances_per_iteration_as_one_requests_region()
    {
        var cells = f.Run.Cells.Where(c => c.Workload == "burst").ToList();
        Assert.Equal(5, cells.Count);
        Assert.All(cells, c => Assert.True(c.Outcome == Outcome.Ok, $"{c.Engine}: {c.Outcome}: {c.Message}"));
        // Every request read the same stdin afresh: the last one's stdout is native's.
        Assert.Single(f.Run.Samples.Where(s => s.Workload == "burst").Select(s => s.StdoutSha256).Distinct());
        Assert.All(f.Run.Samples.Where(s => s.Workload == "burst"), s =>
        {
            var span = Assert.Single(s.RegionsNs!);
            Assert.Equal(s.RegionNs, span);
        });
        foreach (var c in cells)
        {
            var r = Assert.Single(f.Run.Regions, x => x.Workload == "burst" && x.Engine == c.Engine);
            Assert.Equal(("requests", "instances", (long)RegionRunFixture.Requests), (r.Name, r.Unit, r.Count!.Value));
            Assert.Equal(c.MedianNs, r.MedianNs);
            Assert.Equal(RegionRunFixture.Requests / (r.MedianNs!.Value / 1e9), r.RatePerSecond!.Value, 6);
        }
    }

    [Fact]
    public void Region_spans_and_summaries_survive_the_store_the_parquet_bundle_and_run_json()
    {
        using var dir = new TempDirectory();
        var bundle = RunBundle.Write(f.Run, dir.Combine("runs"));
        var back = RunBundle.Read(bundle);
        Assert.Equal(f.Run.Regions, back.Regions);
        Assert.Equal(f.Run.Samples.Select(s => s.RegionsNs?.ToList()), back.Samples.Select(s => s.RegionsNs?.ToList()), new ListComparer());

        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        Assert.True(store.Ingest(back));
        var spans = f.Run.Samples.Sum(s => s.RegionsNs?.Count ?? 0);
        Assert.Equal(spans, store.Scalar<long>("SELECT count(*) FROM sample_regions"));
        Assert.Equal(f.Run.Regions.Count, store.Scalar<long>("SELECT count(*) FROM regions"));
        Assert.Equal(spans, store.Scalar<long>($"SELECT count(*) FROM read_parquet('{Path.Combine(bundle, "sample_regions.parquet")}')"));
        var rate = f.Run.Regions.First(r => r.Name == "first" && r.Engine == "native").RatePerSecond;
        Assert.Equal(rate, store.Scalar<double>($"SELECT rate_per_second FROM read_parquet('{Path.Combine(bundle, "regions.parquet")}') WHERE name = 'first' AND engine_id = 'native'"));
        // Summed spans per sample equal the stored headline region.
        Assert.Equal(0, store.Scalar<long>("""
            SELECT count(*) FROM samples s JOIN (SELECT run_id, workload, variant, engine_id, process, iteration, sum(region_ns) AS spans
                FROM sample_regions GROUP BY ALL) r USING (run_id, workload, variant, engine_id, process, iteration)
            WHERE abs(s.region_ns - r.spans) > 2
            """));
    }

    private sealed class ListComparer : IEqualityComparer<List<long>?>
    {
        public bool Equals(List<long>? x, List<long>? y) => x is null ? y is null : y is not null && x.SequenceEqual(y);
        public int GetHashCode(List<long>? obj) => obj?.Count ?? -1;
    }
}
