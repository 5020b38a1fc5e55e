using Observatory.Core.Runs;
using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>Issue 11, defect: a ratio divided an engine's execute phase by native's bench region.</summary>
public class SpanRatioTests
{
    [Fact]
    public void An_engine_without_a_bench_region_is_compared_with_natives_execute_phase_and_says_so()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.Make("cli");
        // A runtime CLI cannot see bench.start/end: its samples have no region; the harness stored
        // its execute median over native's region (1.5e6 / 9e5 = 1.67x), a ratio of unlike spans.
        run = run with
        {
            Samples = run.Samples.Select(s => s.Engine == "native" ? s : s with { RegionNs = null }).ToList(),
            Cells = run.Cells.Select(c => c.Engine == "native" ? c : c with { MedianNs = 1_500_001.5, RatioToNative = 1.6667, RatioCiLow = 1.66, RatioCiHigh = 1.67 }).ToList(),
        };
        store.Ingest(run);
        var html = File.ReadAllText(SiteRenderer.Render(store, dir.Combine("site")));
        var matrix = html[html.IndexOf("id=\"matrix\"", StringComparison.Ordinal)..html.IndexOf("</table>", html.IndexOf("id=\"matrix\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        // Execute over execute: 1,500,001.5 ns (warm iterations) / 1,000,001 ns (native) = 1.50.
        Assert.Contains("1.50× native (execute phase on both sides)", matrix);
        Assert.DoesNotContain("1.67×", matrix);
        Assert.Contains("execute phase", matrix);
    }

    [Fact]
    public void Engines_that_time_the_region_keep_the_stored_ratio_with_its_plain_caption()
    {
        var region = new Observatory.Reports.Site.Rows.CellSpan { HasRegion = true, MedianExecuteNs = 10 };
        var r = NativeRatio.For(1.5555, 1.55, 1.56, region, region);
        Assert.NotNull(r);
        Assert.Equal("native", r!.Caption);
        Assert.Equal(1.55, r.Low);
        var execute = new Observatory.Reports.Site.Rows.CellSpan { HasRegion = false, MedianExecuteNs = 30 };
        var x = NativeRatio.For(99, 98, 100, execute, region);
        Assert.Equal(3.0, x!.Value, 6);
        Assert.Null(x.Low);
        Assert.False(x.SameAsHeadline);
    }
}
