using ScottPlot;

namespace Observatory.Reports.Site;

/// <summary>
/// Grouped bars: for each workload variant, each engine's median time as a ratio to
/// native (1.0 = native speed), with the ratio's 95% CI as error bars. SVG, so the page
/// stays a set of static files that work from file://.
/// </summary>
public static class RatioChart
{
    public sealed record Bar(string Group, string Engine, double Ratio, double Low, double High);

    /// <summary>The chart for a page: static SVG plus the data site.js draws the interactive one from.</summary>
    public static string Figure(string id, IReadOnlyList<Bar> bars) => ChartData.Figure(id, Svg(bars), Data(bars));

    public static ChartData Data(IReadOnlyList<Bar> bars)
    {
        var groups = bars.Select(b => b.Group).Distinct().ToList();
        return new ChartData
        {
            Kind = "bars", Unit = "ratio", Log = bars.Count > 0 && bars.Max(b => b.Ratio) / Math.Max(1e-9, bars.Min(b => b.Ratio)) > 30, X = groups,
            Series = bars.GroupBy(b => b.Engine).Select(g => new ChartData.Line(g.Key, g.Select(b => new[] { groups.IndexOf(b.Group), b.Ratio, b.Low, b.High }).ToList())).ToList(),
        };
    }

    public static string Svg(IReadOnlyList<Bar> bars, int width = 1000, int height = 420)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var groups = bars.Select(b => b.Group).Distinct().ToList();
        var engines = bars.Select(b => b.Engine).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var slot = 0.8 / Math.Max(1, engines.Count);
        for (var e = 0; e < engines.Count; e++)
        {
            var color = palette.GetColor(e);
            var list = new List<ScottPlot.Bar>();
            for (var g = 0; g < groups.Count; g++)
            {
                var b = bars.FirstOrDefault(x => x.Group == groups[g] && x.Engine == engines[e]);
                if (b is null) continue;
                list.Add(new ScottPlot.Bar
                {
                    Position = g - 0.4 + slot * (e + 0.5),
                    Value = b.Ratio,
                    Error = Math.Max(b.High - b.Ratio, b.Ratio - b.Low),
                    Size = slot * 0.9,
                    FillColor = color,
                });
            }
            var series = plot.Add.Bars(list);
            series.LegendText = engines[e];
        }
        var line = plot.Add.HorizontalLine(1.0);
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = "native = 1.0";
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), groups.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = groups.Count > 6 ? 30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = groups.Count > 6 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.YLabel("time / native time (lower is faster)");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetSvgXml(width, height);
    }
}
