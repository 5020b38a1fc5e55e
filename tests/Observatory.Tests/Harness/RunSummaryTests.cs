using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Harness.Commands;
using Observatory.Harness.Exporters;
using Observatory.Harness.Running;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>What `observatory run` prints at the end: the narrow summary, --wide, the regions block and --json.</summary>
public class RunSummaryTests
{
    private const string Precompiled = "wasmtime-50.0.1/cranelift+precompiled";
    private const string Node = "node-26.10.0/liftoff-only";
    private const string Bun = "bun-1.4.4/ipint";
    // Two wasm.h libraries whose ids differ only in the middle: shortening must keep them apart.
    private const string LibraryA = "wasmc-libwasmtime_custom_build_for_the_embedded_profile_alpha-sha-0123456789";
    private const string LibraryB = "wasmc-libwasmtime_custom_build_for_the_embedded_profile_omega-sha-0123456789";
    private const string TrapMessage = "wasm trap: out of bounds memory access\n  0: 0x1a2b - <unknown>!matmul_kernel_inner_loop_with_a_long_symbol_name\n  1: 0x1c3d - <unknown>!main";

    /// <summary>Two workloads on six engines, one trapping and one unsupported cell, node timed by its execute phase, regions on llama2.</summary>
    private static RunInfo Matrix()
    {
        var run = SampleRuns.WithRegions("20261130-052000-abc123");
        string[] engines = ["native", Precompiled, Node, Bun, LibraryA, LibraryB];
        var cells = new List<Cell>();
        var samples = new List<Sample>();
        foreach (var (workload, variant, baseNs) in new[] { ("floyd-warshall", "O3-simd", 1_230_000.0), ("llama2", "O2", 8_400_000_000.0) })
            for (var e = 0; e < engines.Length; e++)
            {
                var engine = engines[e];
                var factor = 1 + e * 0.37;
                if (workload == "floyd-warshall" && engine == Bun)
                {
                    cells.Add(new Cell { Workload = workload, Variant = variant, Engine = engine, Outcome = Outcome.Trap, Samples = 3, Processes = 1, StopReason = "failed", Message = TrapMessage });
                    continue;
                }
                if (workload == "llama2" && engine == LibraryB)
                {
                    cells.Add(new Cell { Workload = workload, Variant = variant, Engine = engine, Outcome = Outcome.Unsupported, Samples = 1, Processes = 1, StopReason = "failed", Message = "import wasi_snapshot_preview1::sock_accept is not provided" });
                    continue;
                }
                var median = baseNs * factor;
                cells.Add(new Cell
                {
                    Workload = workload, Variant = variant, Engine = engine, Outcome = Outcome.Ok, Samples = 14, Processes = 7, StopReason = e % 2 == 0 ? "ci-target" : "budget",
                    MedianNs = median, CiLowNs = median * 0.988, CiHighNs = median * 1.012,
                    RatioToNative = factor, RatioCiLow = factor * 0.97, RatioCiHigh = factor * 1.04,
                    MedianCpuNs = median * 0.99, CpuCiLowNs = median * 0.98, CpuCiHighNs = median,
                    ColdTotalMedianNs = median + 90_000_000, MaxPeakRssKb = 40_000 + e * 10_000,
                    Overhead = engine == "native" ? null : new PhaseOverhead { Engine = engine, RegionNs = 500, TotalNs = 80_000_000 },
                });
                for (var i = 1; i < 3; i++)
                    samples.Add(new Sample
                    {
                        Workload = workload, Variant = variant, Engine = engine, Process = 0, Iteration = i, Outcome = Outcome.Ok,
                        ExecuteNs = (long)median + 1000, RegionNs = engine == Node ? null : (long)median,
                    });
            }
        return run with
        {
            Cells = cells,
            Samples = samples,
            Engines = [.. engines.Select(id => new EngineDescriptor { Id = id, Family = id.Split('-')[0], Version = "1", Tier = "t", IsNative = id == "native" })],
            Regions = [.. run.Regions.Select(r => r with { Workload = "llama2", Engine = r.Engine == "native" ? "native" : LibraryA })],
        };
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    private static string Render(RunInfo run, bool wide)
    {
        var w = new StringWriter();
        foreach (var exporter in RunExporters.For(json: false, wide)) exporter.Export(run, w);
        return w.ToString();
    }

    [Fact]
    public void The_default_summary_fits_120_columns_and_answers_how_fast_how_sure_and_versus_native()
    {
        var text = Render(Matrix(), wide: false);
        var lines = Lines(text);
        Assert.All(lines, l => Assert.True(l.Length <= ConsoleSummaryExporter.Width, $"{l.Length} characters: {l}"));
        var header = lines[0];
        foreach (var column in new[] { "workload", "variant", "engine", "median", "95% CI", "x native", "outcome" })
            Assert.Contains(column, header);
        // One legend line per column, and the hint at the wide table.
        foreach (var legend in new[] { "workload  the corpus", "engine    runtime", "median    wall time", "95% CI    95% confidence", "x native  median /", "outcome   ok, or" })
            Assert.Single(lines, l => l.StartsWith(legend, StringComparison.Ordinal));
        Assert.All(lines.SkipWhile(l => !l.StartsWith("workload  the", StringComparison.Ordinal)).TakeWhile(l => !l.StartsWith("failures", StringComparison.Ordinal)),
            l => Assert.True(l.Length <= 100, $"legend line of {l.Length} characters: {l}"));
        Assert.Contains(lines, l => l.StartsWith("--wide adds cpu time, cold start, peak RSS, harness overhead, stop reason", StringComparison.Ordinal));
        Assert.Equal("10 of 12 cells ok; run id 20261130-052000-abc123", lines[^1]);

        // Rows: the workload heads its group once; the CI is relative; the ratio carries its CI.
        var native = Assert.Single(lines, l => l.StartsWith("floyd-warshall", StringComparison.Ordinal));
        Assert.Contains("native", native);
        Assert.Contains("1.23 ms", native);
        Assert.Contains("±1.2%", native);
        Assert.Contains("1.00 (0.97-1.04)", native);
        Assert.Single(lines, l => l.StartsWith("llama2 ", StringComparison.Ordinal));
        // Real engine ids are never shortened: the longest is whole.
        Assert.Equal(2, lines.Count(l => l.Contains(Precompiled, StringComparison.Ordinal) && l.Contains("1.37 (", StringComparison.Ordinal)));
        Assert.Contains("", lines.Skip(2).TakeWhile(l => !l.StartsWith("workload  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Failed_cells_show_their_outcome_and_message_and_long_ids_stay_distinguishable()
    {
        var lines = Lines(Render(Matrix(), wide: false));
        var table = lines.TakeWhile(l => !l.StartsWith("workload  the", StringComparison.Ordinal)).ToList();
        var trap = Assert.Single(table, l => l.Contains(Bun, StringComparison.Ordinal) && !l.Contains("ok", StringComparison.Ordinal));
        Assert.EndsWith("trap: wasm tr...", trap);
        Assert.Single(table, l => l.EndsWith("unsupported: ...", StringComparison.Ordinal));
        // The message was cut in the table: it follows in full (on one line) under the legend.
        Assert.Contains(lines, l => l.Contains($"floyd-warshall/O3-simd on {Bun}: trap: wasm trap: out of bounds memory access 0: 0x1a2b", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"llama2/O2 on {LibraryB}: unsupported: import wasi", StringComparison.Ordinal));

        // The two long library ids are shortened, still differ, and the legend says how.
        var shortened = NameShortener.Fit([LibraryA, LibraryB], 30);
        Assert.NotEqual(shortened[LibraryA], shortened[LibraryB]);
        var rows = table.Where(l => l.Contains("wasmc-", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(rows, l => l.Contains(LibraryA, StringComparison.Ordinal));
        Assert.Contains(rows, l => l.Contains("alpha", StringComparison.Ordinal) || l.Contains("..", StringComparison.Ordinal));
        var engineColumn = rows.Select(l => Regex.Match(l, @"wasmc-\S+").Value).ToList();
        Assert.Equal(2, engineColumn.Distinct().Count());
        Assert.Contains(lines, l => l.StartsWith("          names over ", StringComparison.Ordinal) && l.Contains("lose their middle (..)", StringComparison.Ordinal));
        // Node timed its execute phase, the others the region: marked, and the legend says what the ratio compares.
        Assert.Contains(table, l => l.Contains(Node, StringComparison.Ordinal) && Regex.IsMatch(l, @"\d (ms|s)\*"));
        Assert.Contains(lines, l => l.Contains("* = of the execute phase", StringComparison.Ordinal));
    }

    [Fact]
    public void Wide_mode_has_every_column_and_whole_ids()
    {
        var lines = Lines(Render(Matrix(), wide: true));
        foreach (var column in new[] { "outcome", "n", "median", "95% CI", "x native", "ratio 95% CI", "cpu", "cold start", "peak RSS", "overhead", "stop" })
            Assert.Contains(column, lines[0]);
        Assert.Contains(lines, l => l.Contains(LibraryB, StringComparison.Ordinal) && l.Contains("budget", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(Bun, StringComparison.Ordinal) && l.Contains("trap (wasm trap: out of bounds memory access", StringComparison.Ordinal));
        Assert.Equal("10 of 12 cells ok; run id 20261130-052000-abc123", lines[^1]);
        // The regions block keeps a workload and variant on every row in wide mode.
        Assert.Contains(lines, l => l.StartsWith("llama2 ", StringComparison.Ordinal) && l.Contains("decode", StringComparison.Ordinal) && l.Contains(" .. ", StringComparison.Ordinal));
    }

    [Fact]
    public void The_regions_block_fits_120_columns_with_long_engine_ids()
    {
        var w = new StringWriter();
        new RegionsExporter().Export(Matrix(), w);
        var lines = Lines(w.ToString());
        Assert.All(lines, l => Assert.True(l.Length <= ConsoleSummaryExporter.Width, $"{l.Length} characters: {l}"));
        Assert.Contains("llama2/O2", lines);
        var decode = Assert.Single(lines, l => l.Contains("decode", StringComparison.Ordinal) && l.Contains("wasmc-", StringComparison.Ordinal));
        Assert.Contains("384 tokens", decode);
        Assert.Contains("±1.0%", decode);
        Assert.Contains("0.64x rate", decode);
    }

    [Fact]
    public void Json_keeps_its_shape()
    {
        var json = JsonNode.Parse(JsonExporter.ToJson(Matrix()))!.AsObject();
        Assert.Equal(RunCommand.ToJson(Matrix()), JsonExporter.ToJson(Matrix()));
        Assert.Equal(["runId", "label", "profile", "fingerprint", "protocol", "overhead", "cells", "regions"], json.Select(p => p.Key));
        var cell = json["cells"]!.AsArray()[0]!.AsObject();
        Assert.Equal(
            ["workload", "variant", "engine", "isa", "emulated", "outcome", "samples", "processes", "stopReason", "ciTargetMet", "medianNs", "ciLowNs", "ciHighNs",
             "ratioToNative", "ratioCiLow", "ratioCiHigh", "medianCpuNs", "cpuCiLowNs", "cpuCiHighNs", "medianCompileNs", "medianInstantiateNs",
             "coldTotalMedianNs", "coldTotalCiLowNs", "coldTotalCiHighNs", "coldExecuteMedianNs", "medianPeakRssKb", "maxPeakRssKb",
             "maxLinearMemoryBytes", "medianInstructions", "overhead", "message", "outputDiff", "stderrTail"],
            cell.Select(p => p.Key));
        var trap = json["cells"]!.AsArray().Single(c => (string?)c!["outcome"] == "trap")!;
        Assert.Equal(TrapMessage, (string?)trap["message"]);
        Assert.Equal(["workload", "variant", "engine", "index", "name", "declared", "unit", "count", "samples", "medianNs", "ciLowNs", "ciHighNs", "ratePerSecond"],
            json["regions"]!.AsArray()[0]!.AsObject().Select(p => p.Key));
    }
}

/// <summary>The ETA of the progress lines, fed with made-up paces (nothing is measured).</summary>
public class SamplingEtaTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(8);
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Unfinished_cells_are_expected_to_need_as_many_slots_as_finished_ones_did_at_their_own_pace()
    {
        CellPace[] cells =
        [
            new(5, S(1.0), 3, 15, Budget, Done: true),
            new(5, S(1.5), 3, 15, Budget, Done: true),
            new(2, S(1.0), 3, 15, Budget, Done: false), // 0.5 s a slot, 3 more slots to the typical 5
            new(2, S(0.2), 3, 15, Budget, Done: false), // 0.1 s a slot, 3 more
        ];
        // 1.5 + 0.3 s measured to go; the harness took 3.7 s of wall time per 3.7 s measured (factor 1).
        Assert.Equal(1.8, SamplingEta.Estimate(cells, S(3.7))!.Value.TotalSeconds, 9);
        // With twice as much wall time as measured time, the harness's share is added.
        Assert.Equal(3.6, SamplingEta.Estimate(cells, S(7.4))!.Value.TotalSeconds, 9);
    }

    [Fact]
    public void Each_cell_is_held_to_its_own_budget_and_maximum()
    {
        CellPace[] cells =
        [
            new(14, S(1.4), 3, 15, Budget, Done: true),
            // 30 s a slot against a 60 s budget with 30 s spent: one more slot, not the typical 12 more.
            new(2, S(60.0), 3, 40, S(90), Done: false),
            // Near its maximum of 12: two more, at 0.1 s.
            new(10, S(1.0), 3, 12, Budget, Done: false),
        ];
        Assert.Equal(30 + 0.2, SamplingEta.Estimate(cells, S(62.4))!.Value.TotalSeconds, 9);
    }

    [Fact]
    public void The_budget_wins_over_the_minimum_and_a_fixed_count_over_the_budget()
    {
        CellPace[] cells =
        [
            new(5, S(1.0), 5, 40, Budget, Done: true),
            // 6 s a slot, 6 s spent of 8: one more slot (as the stop rule decides), not the three its minimum of 5 asks.
            new(1, S(6.0), 5, 40, Budget, Done: false),
            // The overhead calibration (min = max = 5): its remaining 3 slots of 0.1 s, budget or not.
            new(2, S(0.2), 5, 5, S(0.1), Done: false),
        ];
        Assert.Equal(6 + 0.3, SamplingEta.Estimate(cells, S(7.2))!.Value.TotalSeconds, 9);
    }

    [Fact]
    public void Before_any_cell_finished_the_estimate_is_the_upper_bound_and_failed_or_fixed_cells_are_no_guide()
    {
        CellPace[] cells =
        [
            new(1, S(0.3), 3, 15, Budget, Done: true, Failed: true),
            new(3, S(0.3), 3, 3, Budget, Done: true),
            new(3, S(3.0), 3, 15, Budget, Done: false), // 1 s a slot: 5 s of budget left = 5 slots
        ];
        Assert.Equal(5.0, SamplingEta.Estimate(cells, S(3.6))!.Value.TotalSeconds, 9);
    }

    [Fact]
    public void A_kept_cell_runs_at_least_one_more_slot_and_nothing_measured_means_no_estimate()
    {
        CellPace[] cells = [new(4, S(4), 3, 15, Budget, Done: true), new(6, S(3), 3, 15, Budget, Done: false)];
        Assert.Equal(0.5, SamplingEta.Estimate(cells, S(7))!.Value.TotalSeconds, 9);
        Assert.Null(SamplingEta.Estimate([new(0, TimeSpan.Zero, 3, 15, Budget, Done: false)], S(1)));
        Assert.Equal(TimeSpan.Zero, SamplingEta.Estimate([new(3, S(1), 3, 15, Budget, Done: true)], S(1)));
    }

    [Theory]
    [InlineData(0.4, "0s")]
    [InlineData(45, "45s")]
    [InlineData(370, "6m10s")]
    [InlineData(3725, "1h02m")]
    public void The_eta_is_short(double seconds, string text) => Assert.Equal(text, SamplingEta.Format(TimeSpan.FromSeconds(seconds)));
}

/// <summary>`observatory run` end to end on a tiny workload: progress lines while sampling, then the narrow summary.</summary>
public class RunSummaryCommandTests
{
    [Fact]
    public void A_run_prints_one_progress_line_per_cell_and_the_narrow_summary()
    {
        using var dir = new TempDirectory();
        var root = Observatory.Tests.Measurement.MeasurementFixture.NewRepository(dir);
        TestWorkloads.Add(Path.Combine(root, "workloads"), "sum", TestWorkloads.Sum, "[\"100000\"]");
        var r = Observatory.Tests.Measurement.MeasurementFixture.Cli(root, "run", "--workloads", "sum", "--engines", "native,wasmtime-50.0.1/cranelift", "--no-overhead",
            "--min-processes", "2", "--max-processes", "3", "--iterations", "2", "--db", dir.Combine("o.duckdb"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var lines = Lines(r.Out);

        var progress = lines.Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(2, progress.Count);
        Assert.Contains(progress, l => l.StartsWith("[1/2] sum/O2 on ", StringComparison.Ordinal));
        Assert.Contains(progress, l => l.StartsWith("[2/2] sum/O2 on ", StringComparison.Ordinal));
        Assert.All(progress, l => Assert.Matches(@"^\[\d/2\] sum/O2 on (native|wasmtime-50\.0\.1/cranelift): ok, median [\d.]+ (ns|µs|ms|s)( ±[\d.]+%| \(too few samples for a 95% CI\)), \d+ samples, \d processes, (ci-target|budget|max-processes)", l));
        Assert.DoesNotContain('\r', r.Out);
        Assert.DoesNotContain('\u001b', r.Out);

        var header = Array.FindIndex(lines, l => l.StartsWith("workload", StringComparison.Ordinal) && l.Contains("x native (95% CI)", StringComparison.Ordinal));
        Assert.True(header > Array.FindLastIndex(lines, l => l.StartsWith('[')), r.Out);
        var summary = lines[header..];
        Assert.All(summary, l => Assert.True(l.Length <= ConsoleSummaryExporter.Width, l));
        Assert.Contains(summary, l => l.StartsWith("sum", StringComparison.Ordinal) && l.Contains("native", StringComparison.Ordinal) && l.Contains("1.00 (", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.Contains("wasmtime-50.0.1/cranelift", StringComparison.Ordinal) && l.EndsWith("ok", StringComparison.Ordinal));
        Assert.DoesNotContain("cold start  peak RSS", r.Out);
        Assert.Matches(@"^2 of 2 cells ok; run id \d{8}-\d{6}-[0-9a-f]{6}$", summary[^1]);
    }

    private static string[] Lines(string text) => text.Replace("\r", "", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
