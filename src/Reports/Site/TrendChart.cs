using ScottPlot;

namespace Observatory.Reports.Site;

/// <summary>
/// History of one workload variant: median time per run for each engine, runs in
/// time order, with detected change points marked by vertical lines.
/// </summary>
public static class TrendChart
{
    public sealed record Series(string Engine, IReadOnlyList<double> X, IReadOnlyList<double> MedianMs, IReadOnlyList<int> ChangePointIndexes);

    public static string Svg(IReadOnlyList<Series> series, IReadOnlyList<string> runLabels, int width = 900, int height = 360)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var sc = plot.Add.Scatter(s.X.ToArray(), s.MedianMs.ToArray());
            sc.LegendText = s.Engine;
            sc.Color = palette.GetColor(i);
            sc.MarkerSize = 6;
            foreach (var cp in s.ChangePointIndexes)
            {
                var v = plot.Add.VerticalLine(s.X[cp] - 0.5);
                v.Color = palette.GetColor(i).WithAlpha(0.6);
                v.LinePattern = LinePattern.Dotted;
            }
        }
        if (runLabels.Count > 0)
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, runLabels.Count).Select(i => (double)i).ToArray(), runLabels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = runLabels.Count > 5 ? 30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = runLabels.Count > 5 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.YLabel("median time (ms)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetSvgXml(width, height);
    }
}
