namespace Observatory.Core.Runs;

/// <summary>
/// The summary of one (workload, variant, engine) cell of a run: its outcome and,
/// when every sample was ok, the median headline time with a 95% CI and the
/// ratio to native (with its CI) where a native baseline ran.
/// </summary>
public sealed record Cell
{
    public required string Workload { get; init; }
    public required string Variant { get; init; }
    public required string Engine { get; init; }
    public required Outcome Outcome { get; init; }
    public required int Samples { get; init; }
    public double? MedianNs { get; init; }
    public double? CiLowNs { get; init; }
    public double? CiHighNs { get; init; }
    public double? RatioToNative { get; init; }
    public double? RatioCiLow { get; init; }
    public double? RatioCiHigh { get; init; }
    public double? MedianCompileNs { get; init; }
    public double? MedianInstantiateNs { get; init; }
    public string? Message { get; init; }
}
