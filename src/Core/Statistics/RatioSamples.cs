namespace Observatory.Core.Statistics;

/// <summary>
/// The two samples behind one ratio (e.g. an engine's times and native's times for
/// one workload): ratio = median(Numerator) / median(Denominator). Kept as samples,
/// not as a ratio, so a bootstrap can resample each side.
/// </summary>
public sealed record RatioSamples(IReadOnlyList<double> Numerator, IReadOnlyList<double> Denominator);
