using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Observatory.Reports.Site;

namespace Observatory.Tests.Reports.Site;

/// <summary>The JSON beside each chart: what site.js draws from, and never a way out of its script element.</summary>
public class ChartDataTests
{
    [Fact]
    public void A_trend_figure_carries_every_point_and_a_hostile_series_name_cannot_close_the_script()
    {
        const string hostile = "</script><img src=x onerror=alert(1)>";
        var series = new[] { new TrendChart.Series(hostile, [0, 1, 2], [1_000, 2_000, 1_500], []), new TrendChart.Series("native", [1, 2], [500, 510], []) };
        var html = TrendChart.Figure("trend-chart", series, ["a", "b", "\"c\""], [new TrendChart.Marker(1.5, "env B")]);

        var m = Regex.Match(html, "<script type=\"application/json\" class=\"chart-data\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(m.Success);
        Assert.DoesNotContain("<", m.Groups[1].Value);
        Assert.Single(Regex.Matches(html, "</script>"));
        var data = JsonNode.Parse(m.Groups[1].Value)!;
        Assert.Equal("trend", (string?)data["kind"]);
        Assert.True((bool)data["log"]!);
        Assert.Equal(hostile, (string?)data["series"]![0]!["name"]);
        Assert.Equal(2_000, (double)data["series"]![0]!["points"]![1]![1]!);
        Assert.Equal(2, data["series"]![1]!["points"]!.AsArray().Count);
        Assert.Equal("\"c\"", (string?)data["x"]![2]);
        Assert.Equal("env B", (string?)data["markers"]![0]!["text"]);
    }

    [Fact]
    public void A_ratio_figure_groups_bars_by_workload_with_their_intervals()
    {
        var bars = new[] { new RatioChart.Bar("sum/O2", "wasmtime", 1.5, 1.4, 1.6), new RatioChart.Bar("fib/O2", "wasmtime", 2, 1.9, 2.1), new RatioChart.Bar("fib/O2", "wasm3", 80, 76, 84) };
        var data = RatioChart.Data(bars);
        Assert.Equal(["sum/O2", "fib/O2"], data.X);
        Assert.Equal("ratio", data.Unit);
        Assert.True(data.Log); // 1.5× next to 80×: more than 30 times apart
        Assert.Equal([1, 80, 76, 84], data.Series.Single(s => s.Name == "wasm3").Points.Single());
    }
}
