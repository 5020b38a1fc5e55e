namespace Observatory.Reports.Site.Pages;

/// <summary>
/// Maps times onto pixels on a log axis (engines differ by decades: native beside an interpreter),
/// for the small inline charts templates draw (boxes, strips).
/// </summary>
public sealed class LogScale(double min, double max, double width)
{
    private readonly double _lo = Math.Log10(Math.Max(min, 1e-9)) - 0.05;
    private readonly double _hi = Math.Log10(Math.Max(max, min * 1.0001)) + 0.05;

    public double Width => width;

    public double X(double v) => Math.Round((Math.Log10(Math.Max(v, 1e-9)) - _lo) / (_hi - _lo) * width, 1);

    /// <summary>Tick marks at each power of ten (and 1-2-5 steps over narrow ranges) inside the axis.</summary>
    public IReadOnlyList<AxisTick> Ticks()
    {
        var (positions, labels) = TrendChart.LogTicks(Math.Pow(10, _lo), Math.Pow(10, _hi));
        return positions.Select((p, i) => new AxisTick(X(Math.Pow(10, p)), labels[i])).Where(t => t.X >= 0 && t.X <= width).ToList();
    }
}

public sealed record AxisTick(double X, string Label);
