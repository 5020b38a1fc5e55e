using Observatory.Core.Runs;
using Observatory.Reports.Site;
using Observatory.Reports.Site.Pages;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>The overview page: scores with CIs per engine and family, failures counted, heat map; and every kind of store renders.</summary>
public class OverviewPageTests
{
    [Fact]
    public void Scores_are_geometric_means_of_like_span_ratios_with_a_ci_and_failures_are_counted()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.Make("r1");
        // A second workload the engine fails: counted and listed, not dropped from the page.
        var failed = SampleRuns.Make("x", wasmOutcome: Outcome.Trap);
        run = run with
        {
            Samples = [.. run.Samples, .. failed.Samples.Select(s => s with { Workload = "fib" })],
            Cells = [.. run.Cells, .. failed.Cells.Select(c => c with { Workload = "fib" })],
            Workloads = [.. run.Workloads, .. failed.Workloads.Select(w => w with { Name = "fib" })],
        };
        store.Ingest(run);
        var model = (OverviewModel)new OverviewPage(null).BuildModel(store);
        var score = Assert.Single(model.Scores);
        Assert.Equal("wasmtime-50.0.1/cranelift", score.EngineId);
        // Warm wasm regions 1,400,010 and 1,400,020 over native's 900,000..900,002: 1.56x.
        Assert.Equal("1.56×", score.Overall.Text);
        Assert.Equal(1, score.Overall.Workloads);
        Assert.Matches(@"^1\.5\d–1\.5\d$", score.Overall.Interval);
        Assert.Equal(1, score.Ok);
        Assert.Equal(1, score.Failed);
        Assert.Contains("fib/O2: trap", score.FailedList);
        Assert.Equal(["kernel"], model.Categories);
        var fib = model.Heat.Single(h => h.Workload == "fib");
        Assert.Contains(fib.Cells, c => c.Class == "bad" && c.Text == "trap" && c.Title == "wasm trap: unreachable");
        var sum = model.Heat.Single(h => h.Workload == "sum");
        Assert.Contains(sum.Cells, c => c.Class == "heat" && c.Text == "1.56×" && c.Colour.StartsWith("hsl(", StringComparison.Ordinal));
    }

    [Fact]
    public void One_sample_a_cell_gives_a_score_without_an_interval_never_a_zero_width_one()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.Make("r1");
        // The main job's engine matrix: one process, a cold and one warm iteration; native one process.
        run = run with { Samples = [.. run.Samples.Where(s => s.Process == 0 && s.Iteration <= 1)] };
        store.Ingest(run);
        var score = Assert.Single(((OverviewModel)new OverviewPage(null).BuildModel(store)).Scores);
        Assert.Equal("n=1, no\u00a0CI", score.Overall.Interval);
        Assert.Contains("one sample per cell", score.Overall.Title);
    }

    [Fact]
    public void Empty_one_run_multi_machine_and_failing_stores_all_render_with_every_link_landing()
    {
        using var dir = new TempDirectory();
        var stores = new Dictionary<string, Action<ObservatoryStore>>
        {
            ["empty"] = _ => { },
            ["one-run"] = s => s.Ingest(SampleRuns.Make("only")),
            ["multi-machine"] = s =>
            {
                var a = SampleRuns.Make("a") with { StartedUtc = DateTimeOffset.UtcNow.AddHours(-1) };
                var b = SampleRuns.Make("b");
                s.Ingest(a with { Fingerprint = a.Fingerprint with { Id = "machine-1", Hostname = "one" } });
                s.Ingest(b with { Fingerprint = b.Fingerprint with { Id = "machine-2", Hostname = "two" } });
            },
            ["failures"] = s => s.Ingest(SampleRuns.Make("bad", wasmOutcome: Outcome.Crash)),
        };
        foreach (var (name, fill) in stores)
        {
            var site = dir.Combine(name);
            using (var store = ObservatoryStore.Open(dir.Combine(name + ".duckdb")))
            {
                fill(store);
                SiteRenderer.Render(store, site);
            }
            var overview = File.ReadAllText(Path.Combine(site, "overview.html"));
            Assert.Contains("Wasm Observatory — overview", overview);
            if (name == "empty") Assert.Contains("id=\"no-runs\"", overview);
            else Assert.Contains("id=\"heatmap\"", overview);
            if (name == "failures") Assert.Contains(">crash<", overview);
            Assert.Empty(SiteLinks.Dangling(site));
        }
    }
}
