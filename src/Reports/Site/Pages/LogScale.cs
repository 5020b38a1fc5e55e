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

    /// <summary>Tick marks at each power of ten inside the axis, with 2 and 5 (or every digit) between them when fewer than three fit (a narrow axis).</summary>
    public IReadOnlyList<AxisTick> Ticks()
    {
        IEnumerable<double> Values(double[] steps) =>
            Enumerable.Range((int)Math.Floor(_lo), (int)Math.Ceiling(_hi) - (int)Math.Floor(_lo) + 1)
                .SelectMany(e => steps.Select(m => m * Math.Pow(10, e)))
                .Where(v => Math.Log10(v) >= _lo && Math.Log10(v) <= _hi);
        var values = Values([1]).ToList();
        if (values.Count < 3) values = Values([1, 2, 5]).ToList();
        if (values.Count < 3) values = Values([1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]).ToList();
        return values.Select(v => new AxisTick(X(v), Core.Units.TimeText.Duration(v))).ToList();
    }
}

public sealed record AxisTick(double X, string Label);
