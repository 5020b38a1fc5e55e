using Observatory.Core.Runs;
using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>Issue 11, defect: a ratio divided an engine's execute phase by native's bench region.</summary>
public class SpanRatioTests
{
    [Fact]
    public void An_engine_without_a_bench_region_says_its_ratio_divides_unlike_spans_and_stays_out_of_the_chart()
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
        // The ratio says what it divides, and the chart (which ranks engines) leaves it out.
        Assert.Contains("1.67× native bench region (this engine: execute phase, not comparable)", matrix);
        Assert.DoesNotContain("1.67× native<", matrix);
        Assert.Contains("data-span=\"execute\"", matrix);
        var chart = html[html.IndexOf("id=\"ratio-chart\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("wasmtime-50.0.1/cranelift", chart[..chart.IndexOf("</svg>", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Engines_that_time_the_region_keep_the_stored_ratio_with_its_plain_caption()
    {
        var region = new Observatory.Reports.Site.Rows.CellSpan { HasRegion = true };
        var r = NativeRatio.For(1.5555, 1.55, 1.56, region, region);
        Assert.NotNull(r);
        Assert.Equal("native", r!.Caption);
        Assert.True(r.Comparable);
        var execute = new Observatory.Reports.Site.Rows.CellSpan { HasRegion = false };
        Assert.True(NativeRatio.For(2, 1, 3, execute, execute)!.Comparable);
        var x = NativeRatio.For(99, 98, 100, execute, region);
        Assert.False(x!.Comparable);
        Assert.Contains("not comparable", x.Caption);
    }
}
