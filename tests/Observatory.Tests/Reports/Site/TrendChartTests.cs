using Observatory.Reports.Site;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>
/// Issue 11, defect: the nbody trend chart had 29 series on a linear axis and a legend covering the
/// whole plot. Drawn in Chromium: the legend lies right of every run on the x axis, and the time
/// axis is logarithmic (decade ticks in the shared units).
/// </summary>
public class TrendChartTests
{
    [Fact]
    public async Task Twenty_nine_series_spanning_six_decades_get_a_log_axis_and_a_legend_beside_the_plot()
    {
        var runs = Enumerable.Range(0, 8).Select(i => $"night-{i}").ToList();
        var series = Enumerable.Range(0, 29).Select(e => new TrendChart.Series(
            $"engine-{e:00}", runs.Select((_, i) => (double)i).ToList(),
            runs.Select((_, i) => 1_000.0 * Math.Pow(10, e * 6.0 / 28) * (1 + i * 0.01)).ToList(), [])).ToList();
        var svg = TrendChart.Svg(series, runs, [new TrendChart.Marker(3.5, "env B")]);

        var (ticks, labels) = TrendChart.LogTicks(1_000, 1e9);
        Assert.Contains("1.0 µs", labels);
        Assert.Contains("1.00 ms", labels);
        Assert.Contains("1.000 s", labels);
        Assert.Equal(3.0, ticks[Array.IndexOf(labels, "1.0 µs")], 9);

        using var dir = new TempDirectory();
        var file = dir.Combine("chart.html");
        File.WriteAllText(file, "<!doctype html><html><body style=\"margin:0\">" + Html.StripXmlDeclaration(svg) + "</body></html>");
        var (pw, browser) = await Browser.LaunchAsync();
        using (pw)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 } });
            await page.GotoAsync(new Uri(file).AbsoluteUri);
            var boxes = await page.EvaluateAsync<double[][]>("""
                () => [...document.querySelectorAll('svg text')].map(t => {
                    const b = t.getBoundingClientRect();
                    const s = t.textContent.trim();
                    return [s.startsWith('engine-') ? 1 : s.startsWith('night-') ? 2 : s === '1.00 ms' ? 3 : 0, b.left, b.right];
                })
                """);
            var legend = boxes.Where(b => b[0] == 1).ToList();
            var runTicks = boxes.Where(b => b[0] == 2).ToList();
            Assert.Equal(29, legend.Count);
            Assert.Equal(8, runTicks.Count);
            Assert.Single(boxes, b => b[0] == 3);
            // The last run's tick sits at the right end of the data: every legend entry starts beyond it.
            Assert.True(legend.Min(b => b[1]) > runTicks.Max(b => b[1]) + 10,
                $"legend starts at x={legend.Min(b => b[1])}, last run tick at x={runTicks.Max(b => b[1])}");
            await page.ScreenshotAsync(new() { Path = dir.Combine("chart.png") });
            if (Environment.GetEnvironmentVariable("OBSERVATORY_SCREENSHOTS") is { Length: > 0 } keep)
                File.Copy(dir.Combine("chart.png"), Path.Combine(keep, "trend-chart.png"), overwrite: true);
        }
    }

    [Fact]
    public void A_year_of_nights_labels_at_most_twenty_runs_on_the_static_chart_the_newest_always()
    {
        var runs = Enumerable.Range(0, 365).Select(i => $"night-{i:000}").ToList();
        var series = new[] { new TrendChart.Series("engine", runs.Select((_, i) => (double)i).ToList(), runs.Select((_, i) => 1e6 + i).ToList(), []) };

        var svg = TrendChart.Svg(series, runs);

        // Skia writes each label as the text of its own element, between whitespace.
        var labelled = runs.Where(r => System.Text.RegularExpressions.Regex.IsMatch(svg, $@">\s*{r}\s*<")).ToList();
        Assert.InRange(labelled.Count, 10, TrendChart.MaxRunLabels);
        Assert.Contains("night-364", labelled);
    }
}
