namespace Observatory.Core.Runs;

/// <summary>
/// One named region of one (workload, variant, engine) cell: the median of its span over
/// the cell's steady samples with a distribution-free 95% CI, and, when the workload says
/// how much work the region does (<see cref="Count"/> <see cref="Unit"/>), the rate
/// <c>Count / median seconds</c>: tokens/s for llama2's prefill and decode, instances/s
/// for a burst variant's requests.
/// </summary>
public sealed record RegionSummary
{
    public required string Workload { get; init; }
    public required string Variant { get; init; }
    public required string Engine { get; init; }
    /// <summary>0-based position of the span in call order.</summary>
    public required int Index { get; init; }
    public required string Name { get; init; }
    public string? Unit { get; init; }
    public long? Count { get; init; }
    /// <summary>Whether the manifest declares this region (false: an extra span, named "region N").</summary>
    public bool Declared { get; init; } = true;
    public int Samples { get; init; }
    public double? MedianNs { get; init; }
    public double? CiLowNs { get; init; }
    public double? CiHighNs { get; init; }
    /// <summary>Units per second at the median (<see cref="Count"/> / median seconds); null without a count.</summary>
    public double? RatePerSecond { get; init; }

    /// <summary>"3,107 tokens/s": thousands separated, three significant digits below 1,000.</summary>
    public static string FormatRate(double? perSecond, string? unit)
    {
        if (perSecond is not { } r) return "";
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var number = r >= 1000 ? r.ToString("N0", c) : r >= 100 ? r.ToString("0", c) : r >= 10 ? r.ToString("0.0", c) : r.ToString("0.00", c);
        return $"{number} {unit ?? "units"}/s";
    }
}
