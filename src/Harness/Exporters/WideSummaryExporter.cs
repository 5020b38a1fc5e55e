using System.Globalization;
using Observatory.Core.Runs;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Exporters;

/// <summary>
/// `run --wide`: every column of every cell (cpu, cold start, peak RSS, harness overhead, stop
/// reason beside the headline figures), for a wide terminal or a log that is read later.
/// </summary>
public sealed class WideSummaryExporter : IRunExporter
{
    public string Name => "wide";

    public void Export(RunInfo run, TextWriter w)
    {
        var t = new TextTable("workload", "variant", "engine", "outcome", "n", "median", "95% CI", "x native", "ratio 95% CI", "cpu", "cold start", "peak RSS", "overhead", "stop");
        foreach (var c in CellText.InSummaryOrder(run))
        {
            var n = c.Processes > 0 ? $"{c.Samples}/{c.Processes}p" : c.Samples.ToString(CultureInfo.InvariantCulture);
            t.Add(c.Workload, c.Variant, c.Engine, Outcome(c),
                n, CellText.Median(c),
                c.CiLowNs is null ? "" : $"{Units.Duration(c.CiLowNs)} .. {Units.Duration(c.CiHighNs)}",
                c.RatioToNative is null ? "" : c.RatioToNative.Value.ToString("0.00", CultureInfo.InvariantCulture),
                c.RatioCiLow is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{c.RatioCiLow:0.00} .. {c.RatioCiHigh:0.00}"),
                Cpu(c), Units.Duration(c.ColdTotalMedianNs), CellText.Kb(c.MaxPeakRssKb), Overhead(c), c.StopReason);
        }
        t.Write(w);
        w.WriteLine("n = samples/processes; median = bench region (or execute phase) over warm samples, wall time; cpu = CPU time of the same span");
        w.WriteLine("(native: of the marked region via its CPU clock, else the whole process) with its 95% CI half-width: the steadier clock on a shared machine, used by the stop rule and compare;");
        w.WriteLine("cold start = a fresh process end to end; x native = ratio to the native baseline (1.00 = native speed);");
        w.WriteLine($"overhead = bench region | cold start of the {run.Protocol?.OverheadWorkload ?? "noop"} workload (which does nothing) on that engine in this run: harness cost, not runtime work;");
        w.WriteLine("stop = why sampling ended (ci-target: 95% CI within the target; budget; max-processes; fixed; failed).");
        foreach (var line in InstructionLines(run)) w.WriteLine(line);
    }

    /// <summary>Instruction counts of cells that also have times (the table shows the time there).</summary>
    public static IEnumerable<string> InstructionLines(RunInfo run) =>
        run.Cells.Where(c => c.MedianInstructions is not null && c.MedianNs is not null)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"instructions {c.Workload}/{c.Variant} on {c.Engine}: {c.MedianInstructions:N0}"));

    private static string Outcome(Cell c) =>
        c.Outcome == Core.Runs.Outcome.Ok ? "ok" : c.Outcome.ToWire() + (c.Message is null ? "" : $" ({CellText.Cut(CellText.OneLine(c.Message), 80)})");

    private static string Overhead(Cell c) =>
        c.Overhead is not { } o ? "" : $"{Units.Duration(o.RegionNs ?? o.ExecuteNs)} | {Units.Duration(o.TotalNs)}";

    private static string Cpu(Cell c) =>
        c.MedianCpuNs is not { } m ? "" : m > 0 && c.CpuCiLowNs is { } lo && c.CpuCiHighNs is { } hi
            ? string.Create(CultureInfo.InvariantCulture, $"{Units.Duration(m)} ±{Math.Max(hi - m, m - lo) / m:0.0%}") : Units.Duration(m);
}
