using System.Globalization;
using Observatory.Core.Runs;
using Observatory.Core.Statistics;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Running;

/// <summary>
/// One plain line per cell that finished sampling, e.g.
/// "[12/117] 2mm/O2 on node-20.20.2/default: ok, median 1.23 ms ±1.2%, 14 samples, 5 processes, ci-target, eta 6m10s".
/// No ANSI codes or carriage returns: the same line reads in a terminal, a redirected file and a CI log.
/// </summary>
public static class ProgressLine
{
    /// <param name="outcome">The cell's worst outcome so far, outputs verified.</param>
    /// <param name="message">That outcome's message, if it failed.</param>
    public static string Format(int finished, int total, string cell, Outcome outcome, string? message, IReadOnlyList<Sample> samples,
        int processes, string stop, TimeSpan? eta)
    {
        var c = CultureInfo.InvariantCulture;
        var what = outcome == Outcome.Ok ? "ok" : outcome.ToWire() + (message is null ? "" : $" ({Exporters.CellText.Cut(Exporters.CellText.OneLine(message), 80)})");
        // The median and CI the summary will show: wall time of the headline span over steady samples.
        var xs = CellSummarizer.Headline(samples);
        var median = "";
        if (outcome == Outcome.Ok && xs.Count > 0)
        {
            var ci = MedianConfidenceInterval.Compute(xs);
            median = string.Create(c, $", median {Units.Duration(ci.Estimate)}") +
                     (ci.MeetsLevel ? string.Create(c, $" ±{ci.RelativeHalfWidth:0.0%}") : " (too few samples for a 95% CI)");
        }
        return string.Create(c, $"[{finished}/{total}] {cell}: {what}{median}, {(outcome == Outcome.Ok ? xs.Count : samples.Count)} samples, {processes} processes, {stop}") +
               (eta is { } t ? ", eta " + SamplingEta.Format(t) : "");
    }
}
