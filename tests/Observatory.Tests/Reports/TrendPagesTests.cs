using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

public class TrendPagesTests
{
    [Fact]
    public void A_step_in_the_nightly_series_is_reported_as_a_change_point_at_the_right_run()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        // Ten nightly runs; from night 6 on, wasmtime's median is 30% higher (noise ±0.2%).
        for (var i = 0; i < 10; i++)
        {
            var run = SampleRuns.Make($"n{i:00}", $"night{i}") with { StartedUtc = new DateTimeOffset(2026, 11, 1 + i, 2, 0, 0, TimeSpan.Zero) };
            var level = i >= 6 ? 1.3 : 1.0;
            var noise = 1 + ((i * 7919) % 5 - 2) * 0.001;
            run = run with { Cells = run.Cells.Select(c => c.Engine == "native" ? c : c with { MedianNs = 1_400_000 * level * noise }).ToList() };
            store.Ingest(run);
        }
        var pages = TrendPages.Render(store, dir.Path);
        var html = File.ReadAllText(Assert.Single(pages));
        Assert.Contains("id=\"change-points\"", html);
        var table = html[html.IndexOf("id=\"change-points\"", StringComparison.Ordinal)..html.IndexOf("id=\"history\"", StringComparison.Ordinal)];
        Assert.Contains("<code>n06</code>", table);
        Assert.Contains("wasmtime-50.0.1/cranelift", table);
        Assert.DoesNotContain("<td>native</td>", table);
    }
}

public class MatrixLayoutTests
{
    [Theory]
    [InlineData(2, "workloads-as-rows")]
    [InlineData(12, "engines-as-rows")]
    public void Many_engines_and_few_workloads_put_engines_in_rows(int engineCount, string layout)
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.Make("r");
        var template = run.Cells.Single(c => c.Engine != "native");
        var extra = Enumerable.Range(0, engineCount - 2).Select(i => template with { Engine = $"engine-{i:00}" }).ToList();
        run = run with
        {
            Cells = [.. run.Cells, .. extra],
            Engines = [.. run.Engines, .. extra.Select(c => run.Engines[1] with { Id = c.Engine })],
        };
        store.Ingest(run);
        var html = File.ReadAllText(SiteRenderer.Render(store, dir.Combine("site")));
        Assert.Contains($"id=\"matrix\" data-layout=\"{layout}\"", html);
        var matrix = html[html.IndexOf("id=\"matrix\"", StringComparison.Ordinal)..html.IndexOf("</table>", html.IndexOf("id=\"matrix\"", StringComparison.Ordinal), StringComparison.Ordinal)];
        Assert.Equal(engineCount, System.Text.RegularExpressions.Regex.Matches(matrix, "data-outcome=\"ok\"").Count);
    }
}
