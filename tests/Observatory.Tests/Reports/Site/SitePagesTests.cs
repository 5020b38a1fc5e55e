using Observatory.Core.Runs;
using Observatory.Reports.Site;
using Observatory.Reports.Site.Pages;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>
/// Every page of the site (one class and one template each) renders from every kind of store,
/// every internal link lands, and each page shows what it is for, from real DuckDB stores.
/// </summary>
public class SitePagesTests
{
    private static readonly string[] NavigationPages = SiteNavigation.Items.Select(l => l.Href).ToArray();

    private static RunInfo At(RunInfo run, int hour, string fingerprint) =>
        run with { StartedUtc = new DateTimeOffset(2026, 11, 1, hour, 0, 0, TimeSpan.Zero), Fingerprint = run.Fingerprint with { Id = fingerprint, Hostname = fingerprint + "-host", CpuModel = fingerprint + " CPU" } };

    [Fact]
    public void Every_page_renders_from_empty_one_run_multi_machine_and_failing_stores_and_every_link_lands()
    {
        using var dir = new TempDirectory();
        var stores = new Dictionary<string, Action<ObservatoryStore>>
        {
            ["empty"] = _ => { },
            ["one-run"] = s => s.Ingest(SampleRuns.WithRegions("only")),
            ["multi-machine"] = s =>
            {
                s.Ingest(At(SampleRuns.Make("a1"), 1, "m1"));
                s.Ingest(At(SampleRuns.Make("b1"), 2, "m2"));
                s.Ingest(At(SampleRuns.Make("a2"), 3, "m1"));
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
            foreach (var page in NavigationPages.Append("overview.html"))
                Assert.True(File.Exists(Path.Combine(site, page)), $"{name}: {page} missing");
            var index = File.ReadAllText(Path.Combine(site, "index.html"));
            Assert.Contains("Wasm Observatory — overview", index);
            Assert.Empty(SiteLinks.Dangling(site));
            if (name == "empty")
            {
                Assert.Contains("id=\"no-runs\"", File.ReadAllText(Path.Combine(site, "runs.html")));
                Assert.Contains("id=\"no-conformance\"", File.ReadAllText(Path.Combine(site, "conformance.html")));
                continue;
            }
            Assert.True(File.Exists(Path.Combine(site, TrendPages.FileName("sum", "O2"))));
            if (name == "failures")
                Assert.Contains(">crash", File.ReadAllText(Path.Combine(site, TrendPages.FileName("sum", "O2"))));
            if (name == "multi-machine")
            {
                // Consecutive runs on one machine are compared; runs of different machines are not.
                var compares = Directory.GetFiles(site, "compare-*.html").Select(Path.GetFileName).ToList();
                Assert.Equal(["compare-a1--a2.html"], compares);
                Assert.Contains("href=\"compare-a1--a2.html\"", File.ReadAllText(Path.Combine(site, "runs.html")));
                Assert.Contains("id=\"what-changed\"", index);
                var environment = File.ReadAllText(Path.Combine(site, "environment.html"));
                Assert.Contains("m1-host", environment);
                Assert.Contains("m2-host", environment);
            }
        }
    }

    [Fact]
    public void The_workload_page_shows_description_phases_and_sample_distributions()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        // Named like a workload of the corpus, so its workload.toml gives the description.
        var run = SampleRuns.Make("r1");
        run = run with
        {
            Samples = run.Samples.Select(s => s with { Workload = "nbody" }).ToList(),
            Cells = run.Cells.Select(c => c with { Workload = "nbody" }).ToList(),
            Workloads = run.Workloads.Select(w => w with { Name = "nbody" }).ToList(),
        };
        store.Ingest(run);
        var page = Assert.Single(TrendPages.Pages(store, Repo.Workloads));
        var model = (WorkloadModel)page.BuildModel(store);
        Assert.Contains("body", model.Description, StringComparison.OrdinalIgnoreCase);
        var wasm = model.Phases.Single(p => p.EngineId == "wasmtime-50.0.1/cranelift");
        Assert.Equal("5.00 ms", wasm.Compile);
        Assert.Equal("20.0 µs", wasm.Instantiate);
        // The slowest engine's stack fills the bar: compile 5 ms + 20 µs + 1.40 ms.
        Assert.Equal(100, wasm.CompileWidth + wasm.InstantiateWidth + wasm.RunWidth, 1);
        var spread = model.Spread.Rows.Single(r => r.EngineId == "wasmtime-50.0.1/cranelift");
        // Warm iterations only (1 and 2 of three processes): 1,400,010 and 1,400,020 ns.
        Assert.Equal(6, spread.N);
        Assert.True(spread.MinX <= spread.Q1X && spread.Q1X <= spread.MedianX && spread.MedianX <= spread.Q3X && spread.Q3X <= spread.MaxX);
        Assert.Equal(6, spread.Dots.Count);
        var native = model.Spread.Rows.Single(r => r.EngineId == "native");
        Assert.True(native.MedianX < spread.MedianX, "native's 0.90 ms sits left of wasm's 1.40 ms on the axis");
    }

    [Fact]
    public void Conformance_page_has_the_matrix_the_failing_assertion_and_the_history_by_revision()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        ConformanceRow Row(string engine, int line, string outcome) => new()
        {
            File = "i32.wast", Line = line, Directive = "assert_return", Feature = "core", Engine = engine, Outcome = outcome, IsAssertion = true,
            Expected = "i32:1", Actual = outcome == "pass" ? "i32:1" : "i32:2", Message = outcome == "pass" ? null : "wrong result <b>",
        };
        ConformanceRun Run(string id, string revision, int hour, params ConformanceRow[] rows) => new()
        {
            RunId = id, Suite = "spec", SuiteRoot = "/suite", Revision = revision, StartedUtc = new DateTime(2026, 11, 1, hour, 0, 0),
            FinishedUtc = new DateTime(2026, 11, 1, hour, 5, 0), Engines = [], Rows = rows,
        };
        ConformanceStore.Ingest(store, Run("c1", "rev-old", 1, Row("wasmtime", 1, "pass"), Row("wasmtime", 2, "pass")));
        ConformanceStore.Ingest(store, Run("c2", "rev-new", 2, Row("wasmtime", 1, "pass"), Row("wasmtime", 2, "fail"), Row("wasm3", 1, "pass"), Row("wasm3", 2, "pass")));
        var model = (ConformanceModel)new ConformancePage().BuildModel(store);
        var suite = Assert.Single(model.Suites);
        Assert.Equal("c2", suite.RunId);
        Assert.Equal(["wasm3", "wasmtime"], suite.Engines);
        Assert.Equal(["100.0%", "50.0%"], suite.Totals.Select(t => t.Text));
        var failures = Assert.Single(suite.Failures);
        Assert.Equal("wasmtime", failures.Engine);
        var failure = Assert.Single(failures.Shown);
        Assert.Equal(("i32.wast", 2, "wrong result <b>"), (failure.File, failure.Line, failure.Message));
        Assert.Equal(["rev-new", "rev-old"], suite.History.Select(h => h.Revision));
        Assert.Equal("100.0%", suite.History[1].Cells[suite.HistoryEngines.ToList().IndexOf("wasmtime")].Text);

        var site = dir.Combine("site");
        SiteRenderer.Render(store, site);
        var html = File.ReadAllText(Path.Combine(site, "conformance.html"));
        Assert.Contains("<code>i32.wast:2</code>", html);
        Assert.Contains("wrong result &lt;b&gt;", html);
    }

    [Fact]
    public void Rates_page_shows_tokens_per_second_and_the_serverless_page_labels_bursts_as_unlike()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.WithRegions("r1");
        run = run with { Workloads = run.Workloads.Select(w => w with { Category = "llm" }).ToList() };
        store.Ingest(run);
        var rates = (RatesModel)new RatesPage(null).BuildModel(store);
        var prefill = rates.Groups.Single(g => g.Region == "prefill");
        Assert.Equal("tokens", prefill.Unit);
        // 128 tokens in 225 µs natively: 568,889 tokens/s, the fastest, so the full bar.
        var native = prefill.Lines.Single(l => l.EngineId == "native");
        Assert.Equal("568,889", native.Rate);
        Assert.Equal(100, native.Width);

        // A burst: the region counts fresh instances (natively fresh processes).
        var burst = SampleRuns.Make("b1") with { StartedUtc = DateTimeOffset.UtcNow.AddMinutes(1) };
        burst = burst with
        {
            Workloads = burst.Workloads.Select(w => w with { Category = "serverless", Variant = "O2-burst" }).ToList(),
            Samples = burst.Samples.Select(s => s with { Variant = "O2-burst" }).ToList(),
            Cells = burst.Cells.Select(c => c with { Variant = "O2-burst" }).ToList(),
            Regions = new[] { "native", "wasmtime-50.0.1/cranelift" }.Select(e => new RegionSummary
            {
                Workload = "sum", Variant = "O2-burst", Engine = e, Index = 0, Name = "requests", Unit = "instances", Count = 200, Samples = 3,
                MedianNs = e == "native" ? 200_000_000 : 2_000_000, RatePerSecond = e == "native" ? 1_000 : 100_000,
            }).ToList(),
        };
        store.Ingest(burst);
        var serverless = (ServerlessModel)new ServerlessPage(null).BuildModel(store);
        Assert.Equal("fresh process per request (CGI baseline)", serverless.Bursts.Single(b => b.EngineId == "native").Kind);
        Assert.Equal("100,000", serverless.Bursts.Single(b => b.EngineId != "native").Rate);
        // A ratio stored by an older harness for a burst is labelled, and kept out of the scores.
        var data = ReportData.Load(store)!;
        var ratio = data.RatioFor(data.Cells.Single(c => (string)c["engine_id"]! != "native"))!;
        Assert.False(ratio.Comparable);
        Assert.Contains("fresh processes", ratio.Caption);
        var overview = (OverviewModel)new OverviewPage(null).BuildModel(store);
        Assert.Equal("—", Assert.Single(overview.Scores).Overall.Text);
    }

    [Fact]
    public void Compare_page_is_the_comparison_of_two_runs_and_refuses_different_machines()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        store.Ingest(At(SampleRuns.Make("a1"), 1, "m1"));
        store.Ingest(At(SampleRuns.Make("a2"), 2, "m1"));
        store.Ingest(At(SampleRuns.Make("b1"), 3, "m2"));
        var same = (CompareModel)new ComparePage("a1", "a2").BuildModel(store);
        Assert.Equal("", same.Refused);
        Assert.Equal(2, same.Cells.Count);
        Assert.Equal(2, same.Same);
        Assert.All(same.Cells, c => Assert.Equal("same", c.Verdict));
        var other = (CompareModel)new ComparePage("a2", "b1").BuildModel(store);
        Assert.Contains("fingerprint", other.Refused, StringComparison.OrdinalIgnoreCase);
    }
}
