using Observatory.Core.Units;
using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>
/// Issue 11, defect: the engine-matrix page showed handler-c/O2 on node-20.20.2/jco-component as
/// "4.78 µs, 200.97× native" while run.json had medianNs 4784213 (4.78 ms). Pinned on the page
/// layout that run gets (engines as rows) and on the one unit vocabulary the site and console share.
/// </summary>
public class MatrixTimeUnitTests
{
    [Fact]
    public void A_4784213_ns_median_in_the_engines_as_rows_matrix_reads_4_78_ms_beside_its_ratio()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.Make("engine-matrix", "engine-matrix");
        var template = run.Cells.Single(c => c.Engine != "native");
        var extra = Enumerable.Range(0, 10).Select(i => template with { Engine = $"engine-{i:00}" }).ToList();
        var jco = template with { Engine = "node-20.20.2/jco-component", MedianNs = 4_784_213, CiLowNs = 4_700_000, CiHighNs = 4_900_000, RatioToNative = 200.97, RatioCiLow = 190, RatioCiHigh = 210 };
        run = run with
        {
            Cells = [.. run.Cells.Select(c => c.Engine == "native" ? c with { MedianNs = 23_805 } : c), .. extra, jco],
            Engines = [.. run.Engines, .. extra.Append(jco).Select(c => run.Engines[1] with { Id = c.Engine })],
        };
        store.Ingest(run);
        var html = File.ReadAllText(SiteRenderer.Render(store, dir.Combine("site")));
        Assert.Contains("data-layout=\"engines-as-rows\"", html);
        var row = html[html.IndexOf("<tr><td>node-20.20.2/jco-component</td>", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("data-median-ns=\"4784213\">4.78 ms", row);
        Assert.Contains("200.97× native", row);
        Assert.DoesNotContain("µs", row);
        Assert.Contains(">23.8 µs", html);
    }

    [Theory]
    [InlineData(999.0, "999 ns")]
    [InlineData(4_784.213, "4.8 µs")]
    [InlineData(999_949.0, "999.9 µs")]
    [InlineData(1_000_000.0, "1.00 ms")]
    [InlineData(4_784_213.0, "4.78 ms")]
    [InlineData(4_784_213_000.0, "4.784 s")]
    public void Every_magnitude_gets_its_own_unit(double ns, string text) => Assert.Equal(text, TimeText.Duration(ns));

    [Fact]
    public void The_console_and_the_site_print_the_same_units()
    {
        Assert.Equal(TimeText.Duration(4_784.213), Observatory.Harness.Cli.Units.Duration(4_784.213));
        Assert.Equal(TimeText.Duration(4_784.213), Html.Duration(4_784.213));
    }
}
