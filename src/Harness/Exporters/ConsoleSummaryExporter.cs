using Observatory.Core.Runs;
using Observatory.Harness.Cli;
using static Observatory.Harness.Exporters.MeasuredSpan;

namespace Observatory.Harness.Exporters;

/// <summary>
/// The default summary of `observatory run`, at most <see cref="Width"/> columns so it reads in a
/// terminal or CI log: per cell how fast (median), how sure (95% CI) and compared to native
/// (ratio with its CI), and whether it ran at all (outcome). Rows are grouped by workload and
/// variant, native first, then fastest first; a legend under the table says what each column
/// means. `--wide` has the rest (cpu, cold start, peak RSS, overhead, stop reason).
/// </summary>
public sealed class ConsoleSummaryExporter : IRunExporter
{
    public const int Width = 120;
    /// <summary>TextTable's gap between columns.</summary>
    private const int Gap = 2;
    // The least a column keeps when the row is too wide: failure messages give way first (they
    // follow in full under the legend), then long engine ids, then workload and variant names.
    // 16 leaves the corpus's names and every built-in engine id whole.
    private const int MinOutcome = 16, MinEngine = 20, MinWorkload = 12, MinVariant = 8;

    public string Name => "summary";

    public void Export(RunInfo run, TextWriter w)
    {
        var cells = CellText.InSummaryOrder(run).ToList();
        var spans = MeasuredSpan.Of(run);
        var mixed = cells.Where(c => c.MedianNs is not null).Select(c => spans.GetValueOrDefault((c.Workload, c.Variant, c.Engine))).Distinct().Count() > 1;
        bool IsExecute(Cell c) => c.MedianNs is not null && spans.TryGetValue((c.Workload, c.Variant, c.Engine), out var s) && s == Span.Execute;

        string[] headers = ["workload", "variant", "engine", "median", "95% CI", "x native (95% CI)", "outcome"];
        var medians = cells.Select(c => CellText.Median(c) + (mixed && IsExecute(c) ? "*" : "")).ToList();
        var cis = cells.Select(c => CellText.RelativeHalfWidth(c.MedianNs, c.CiLowNs, c.CiHighNs)).ToList();
        var ratios = cells.Select(CellText.RatioWithCi).ToList();
        var outcomes = cells.Select(CellText.Outcome).ToList();

        var room = Width - (headers.Length - 1) * Gap - Widest(medians, headers[3]) - Widest(cis, headers[4]) - Widest(ratios, headers[5]);
        var workloadWidth = Widest(cells.Select(c => c.Workload), headers[0]);
        var variantWidth = Widest(cells.Select(c => c.Variant), headers[1]);
        var engineWidth = Widest(cells.Select(c => c.Engine), headers[2]);
        var outcomeFloor = Math.Min(MinOutcome, Widest(outcomes, headers[6]));
        var engines = NameShortener.Fit(cells.Select(c => c.Engine), Math.Max(MinEngine, room - workloadWidth - variantWidth - outcomeFloor));
        engineWidth = Widest(engines.Values, headers[2]);
        var workloads = NameShortener.Fit(cells.Select(c => c.Workload), Math.Max(MinWorkload, room - variantWidth - engineWidth - outcomeFloor));
        workloadWidth = Widest(workloads.Values, headers[0]);
        var variants = NameShortener.Fit(cells.Select(c => c.Variant), Math.Max(MinVariant, room - workloadWidth - engineWidth - outcomeFloor));
        variantWidth = Widest(variants.Values, headers[1]);
        var outcomeWidth = Math.Max(headers[6].Length, room - workloadWidth - variantWidth - engineWidth);

        var t = new TextTable(headers);
        var cut = new List<int>();
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            var first = i == 0 || (cells[i - 1].Workload, cells[i - 1].Variant) != (c.Workload, c.Variant);
            if (first && i > 0) t.Add();
            if (outcomes[i].Length > outcomeWidth) cut.Add(i);
            // The workload and variant head their group only, as in BenchmarkDotNet's tables.
            t.Add(first ? workloads[c.Workload] : "", first ? variants[c.Variant] : "", engines[c.Engine],
                medians[i], cis[i], ratios[i], CellText.Cut(outcomes[i], outcomeWidth));
        }
        t.Write(w);
        w.WriteLine();
        foreach (var line in Legend(run, cells, mixed, spans.Count > 0 && spans.Values.All(s => s == Span.Execute), engineWidth,
                     engines.Any(e => e.Key != e.Value) || workloads.Any(e => e.Key != e.Value) || variants.Any(e => e.Key != e.Value)))
            w.WriteLine(line);
        foreach (var line in WideSummaryExporter.InstructionLines(run)) w.WriteLine(CellText.Cut(line, Width));
        if (cut.Count > 0)
        {
            w.WriteLine("failures in full (--json has the whole message):");
            foreach (var i in cut)
                w.WriteLine(CellText.Cut($"  {cells[i].Workload}/{cells[i].Variant} on {cells[i].Engine}: {outcomes[i]}", Width));
        }
    }

    /// <summary>One entry per column, wrapped at 100 characters so it reads in a narrower terminal than the table needs.</summary>
    private static IEnumerable<string> Legend(RunInfo run, List<Cell> cells, bool mixed, bool allExecute, int engineWidth, bool shortened)
    {
        var overhead = run.Protocol?.OverheadWorkload;
        yield return "workload  the corpus program; variant = its build";
        if (overhead is not null && cells.Any(c => c.Workload == overhead))
            yield return $"          {overhead} does nothing: its times are the harness's own cost on each engine";
        yield return "engine    runtime-version/tier+options (see `observatory runtimes`)";
        if (shortened) yield return $"          names over {engineWidth} characters lose their middle (..); --wide prints them whole";
        if (mixed)
        {
            yield return "median    wall time over warm samples of the bench region (bench.start..bench.end);";
            yield return "          * = of the execute phase: that engine cannot time the region, so its x native";
            yield return "          compares its execute phase with native's region";
        }
        else
            yield return allExecute
                ? "median    wall time over warm samples of the execute phase (no engine timed a bench region)"
                : "median    wall time over warm samples of the bench region (bench.start..bench.end)";
        yield return "95% CI    95% confidence interval of the median (distribution-free) as its larger distance";
        yield return "          from the median, in % of the median";
        if (cells.Any(c => c.RatioToNative is not null))
        {
            yield return "x native  median / native's median of the same workload and variant (1.00 = native speed,";
            yield return "          2.00 = twice native's time); in brackets the bootstrap 95% CI of that ratio";
        }
        else if (run.Engines.Any(e => e.IsNative))
            yield return "x native  empty: native has no build of these workloads (a foreign .wasm module has no sources)";
        else yield return "x native  empty: no native baseline ran (add native to --engines)";
        yield return "outcome   ok, or the worst failure (wrong-output, trap, timeout, crash, unsupported): message";
        yield return "--wide adds cpu time, cold start, peak RSS, harness overhead, stop reason; --json every field";
    }

    private static int Widest(IEnumerable<string> values, string header) => values.Select(v => v.Length).Append(header.Length).Max();
}
