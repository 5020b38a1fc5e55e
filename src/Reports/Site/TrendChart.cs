using ScottPlot;

namespace Observatory.Reports.Site;

/// <summary>
/// History of one workload variant: median time per run for each series, runs in time order,
/// change points as dotted lines and environment changes as labelled dashed lines. The time axis
/// is logarithmic (engines differ by decades: native next to an interpreter) and the legend sits
/// beside the plot, never over the data.
/// </summary>
public static class TrendChart
{
    public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> MedianNs, IReadOnlyList<int> ChangePointIndexes);

    /// <summary>A vertical line between runs: where the environment (fingerprint) changed.</summary>
    public sealed record Marker(double X, string Text);

    /// <summary>Run labels on the static chart's x axis at most (site.js labels the interactive one the same way).</summary>
    public const int MaxRunLabels = 20;

    public static string Svg(IReadOnlyList<Series> series, IReadOnlyList<string> runLabels, IReadOnlyList<Marker>? markers = null, int width = 1100, int height = 420)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var palette = new ScottPlot.Palettes.Category20();
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = palette.GetColor(i % palette.Colors.Length);
            var sc = plot.Add.Scatter(s.X.ToArray(), s.MedianNs.Select(Math.Log10).ToArray());
            sc.LegendText = s.Name;
            sc.Color = color;
            // A year of nights: dots would be thousands of SVG elements; the line alone carries the trend.
            sc.MarkerSize = s.X.Count > 60 ? 0 : 6;
            foreach (var cp in s.ChangePointIndexes)
            {
                var v = plot.Add.VerticalLine(s.X[cp] - 0.5);
                v.Color = color.WithAlpha(0.6);
                v.LinePattern = LinePattern.Dotted;
            }
        }
        foreach (var m in markers ?? [])
        {
            var v = plot.Add.VerticalLine(m.X);
            v.Color = Colors.DarkRed;
            v.LinePattern = LinePattern.Dashed;
            v.LineWidth = 2;
            v.Text = m.Text;
            v.LabelOppositeAxis = true;
        }
        if (runLabels.Count > 0)
        {
            // A year of nightlies cannot be labelled run by run (365 overlapping labels and grid lines, a
            // megabyte of SVG): at most MaxRunLabels, counted back from the newest run, which always has its label.
            var every = (runLabels.Count + MaxRunLabels - 1) / MaxRunLabels;
            var labelled = Enumerable.Range(0, runLabels.Count).Where(i => (runLabels.Count - 1 - i) % every == 0).ToArray();
            plot.Axes.Bottom.SetTicks(labelled.Select(i => (double)i).ToArray(), labelled.Select(i => runLabels[i]).ToArray());
        }
        plot.Axes.Bottom.TickLabelStyle.Rotation = runLabels.Count > 5 ? 30 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = runLabels.Count > 5 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        var all = series.SelectMany(s => s.MedianNs).Where(v => v > 0).ToList();
        if (all.Count > 0)
        {
            var (positions, labels) = LogTicks(all.Min(), all.Max());
            plot.Axes.Left.SetTicks(positions, labels);
            var lo = Math.Log10(all.Min());
            var hi = Math.Log10(all.Max());
            var pad = Math.Max(0.1, (hi - lo) * 0.08);
            plot.Axes.SetLimitsY(lo - pad, hi + pad);
        }
        plot.YLabel("median time (log scale)");
        if (series.Count > 0) plot.ShowLegend(Edge.Right);
        return plot.GetSvgXml(width, Math.Max(height, 120 + 18 * series.Count));
    }

    /// <summary>The chart for a page: static SVG plus the data site.js draws the interactive one from.</summary>
    public static string Figure(string id, IReadOnlyList<Series> series, IReadOnlyList<string> runLabels, IReadOnlyList<Marker>? markers = null) =>
        ChartData.Figure(id, Svg(series, runLabels, markers), Data(series, runLabels, markers));

    public static ChartData Data(IReadOnlyList<Series> series, IReadOnlyList<string> runLabels, IReadOnlyList<Marker>? markers = null) => new()
    {
        Kind = "trend", Unit = "ns", Log = true, X = runLabels,
        Series = series.Select(s => new ChartData.Line(s.Name, s.X.Select((x, i) => new[] { x, s.MedianNs[i] }).ToList())).ToList(),
        Markers = (markers ?? []).Select(m => new ChartData.Mark(m.X, m.Text)).ToList(),
    };

    /// <summary>Ticks at 1, 2 and 5 times each power of ten between the extremes, labelled in the shared units; positions are log10(ns).</summary>
    public static (double[] Positions, string[] Labels) LogTicks(double minNs, double maxNs)
    {
        var positions = new List<double>();
        var labels = new List<string>();
        var decades = Math.Log10(maxNs) - Math.Log10(minNs);
        // Over many decades 2 and 5 would crowd the axis.
        double[] steps = decades > 4 ? [1] : [1, 2, 5];
        for (var e = (int)Math.Floor(Math.Log10(minNs)) - 1; e <= (int)Math.Ceiling(Math.Log10(maxNs)) + 1; e++)
            foreach (var m in steps)
            {
                var v = m * Math.Pow(10, e);
                if (v < minNs / 1.5 || v > maxNs * 1.5) continue;
                positions.Add(Math.Log10(v));
                labels.Add(Core.Units.TimeText.Duration(v));
            }
        if (positions.Count == 0)
        {
            positions.Add(Math.Log10(minNs));
            labels.Add(Core.Units.TimeText.Duration(minNs));
        }
        return (positions.ToArray(), labels.ToArray());
    }
}
