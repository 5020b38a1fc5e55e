using Observatory.Reports.Site;
using Observatory.Reports.Site.Pages;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>The per-engine page: every workload, tiers of one version side by side, versions over time.</summary>
public class EnginePageTests
{
    [Fact]
    public void Tiers_of_one_version_sit_side_by_side_and_an_unlike_span_ratio_keeps_its_mark()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.Make("tiers");
        const string winch = "wasmtime-50.0.1/winch";
        // Winch here as a CLI-like engine: no bench region, so its ratio divides unlike spans.
        var winchSamples = run.Samples.Where(s => s.Engine != "native").Select(s => s with { Engine = winch, RegionNs = null }).ToList();
        var winchCell = run.Cells.Single(c => c.Engine != "native") with { Engine = winch, RatioToNative = 1.67 };
        run = run with
        {
            Samples = [.. run.Samples, .. winchSamples],
            Cells = [.. run.Cells, winchCell],
            Engines = [.. run.Engines, run.Engines[1] with { Id = winch, Tier = "winch" }],
        };
        store.Ingest(run);
        var site = dir.Combine("site");
        SiteRenderer.Render(store, site);
        var model = (EngineModel)new EnginePage("wasmtime-50.0.1/cranelift", null).BuildModel(store);
        Assert.Equal(["wasmtime-50.0.1/cranelift", winch], model.Tiers);
        Assert.Equal(["1.56×", "1.67×*"], Assert.Single(model.TierRows).Ratios);
        Assert.Equal("1.56× native", Assert.Single(model.Workloads).Ratio);
        Assert.Equal(2, model.Versions.Count);
        Assert.True(File.Exists(Path.Combine(site, EnginePage.FileNameFor(winch))));
        Assert.Contains(EnginePage.FileNameFor(winch), File.ReadAllText(Path.Combine(site, "overview.html")));
        Assert.Empty(SiteLinks.Dangling(site));
    }
}
