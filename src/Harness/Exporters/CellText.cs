using System.Globalization;
using System.Text.RegularExpressions;
using Observatory.Core.Runs;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Exporters;

/// <summary>How the summaries write one cell's figures: the same words and units in the narrow and the wide table.</summary>
public static partial class CellText
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The median time, or for an instructions-only cell its instruction count.</summary>
    public static string Median(Cell c) =>
        c.MedianNs is null && c.MedianInstructions is not null ? string.Create(C, $"{c.MedianInstructions:N0} instr") : Units.Duration(c.MedianNs);

    /// <summary>"±1.2%": the larger distance from the median to a CI bound, relative to the median.</summary>
    public static string RelativeHalfWidth(double? median, double? low, double? high) =>
        median is not > 0 || low is null || high is null ? ""
            : "±" + Percent(Math.Max(high.Value - median.Value, median.Value - low.Value) / median.Value);

    /// <summary>"1.56 (1.55-1.57)": the ratio to native with its 95% CI, three significant digits each.</summary>
    public static string RatioWithCi(Cell c) =>
        c.RatioToNative is not { } r ? ""
            : c.RatioCiLow is { } lo && c.RatioCiHigh is { } hi ? $"{Ratio(r)} ({Ratio(lo)}-{Ratio(hi)})" : Ratio(r);

    public static string Ratio(double r) => r.ToString(r >= 100 ? "0" : r >= 10 ? "0.0" : "0.00", C);

    /// <summary>"ok", or the failure with its message on one line ("trap: wasm trap: unreachable").</summary>
    public static string Outcome(Cell c) =>
        c.Outcome == Core.Runs.Outcome.Ok ? "ok" : c.Outcome.ToWire() + (c.Message is null ? "" : ": " + OneLine(c.Message));

    /// <summary>Engine messages carry stderr: newlines and runs of spaces would break a table row.</summary>
    public static string OneLine(string s) => Whitespace().Replace(s, " ").Trim();

    /// <summary>The text cut to <paramref name="width"/> characters, "..." marking the cut.</summary>
    public static string Cut(string s, int width) => s.Length <= width ? s : width <= 3 ? s[..width] : s[..(width - 3)] + "...";

    public static string Kb(long? kb) => kb is null ? "" : kb.Value >= 10 * 1024 ? $"{kb.Value / 1024} MB" : $"{kb.Value} kB";

    private static string Percent(double fraction) => fraction.ToString(fraction >= 0.995 ? "0%" : "0.0%", C);

    /// <summary>Summary order: the noop calibration first, then by workload and variant, native first, then fastest first.</summary>
    public static IEnumerable<Cell> InSummaryOrder(RunInfo run) =>
        run.Cells.OrderBy(c => c.Workload == run.Protocol?.OverheadWorkload ? 0 : 1).ThenBy(c => c.Workload, StringComparer.Ordinal)
            .ThenBy(c => c.Variant, StringComparer.Ordinal).ThenBy(c => IsNative(run, c.Engine) ? 0 : 1).ThenBy(c => c.RatioToNative is null ? 1 : 0).ThenBy(c => c.RatioToNative ?? 0)
            .ThenBy(c => c.Engine, StringComparer.Ordinal);

    private static bool IsNative(RunInfo run, string engine) =>
        run.Engines.FirstOrDefault(e => e.Id == engine) is { } d ? d.IsNative : engine == "native";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
