using System.Text.Json.Nodes;
using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Measurement;

/// <summary>
/// `observatory compare` on runs stored with hand-made samples, so verdicts are known in
/// advance: one cell 10% slower, one 15% faster, one unchanged, on both CPU and wall time.
/// </summary>
public class CompareTests
{
    private static readonly Fingerprint Machine = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "test" },
        runtimes: new Dictionary<string, string> { ["wasmtime-50.0.1/cranelift"] = "version 50.0.1 tier cranelift" });

    /// <summary>Deterministic ±1% jitter around 1.</summary>
    private static double Jitter(int i) => 1 + ((i * 7919) % 21 - 10) / 1000.0;

    private static RunInfo MakeRun(string id, string label, DateTimeOffset started, IReadOnlyDictionary<string, double> factors, Fingerprint? fp = null,
        Measure measure = Measure.Time, string args = "100")
    {
        var samples = new List<Sample>();
        var cells = new List<Cell>();
        foreach (var (workload, factor) in factors)
        {
            var engine = "wasmtime-50.0.1/cranelift";
            for (var p = 0; p < 6; p++)
                for (var i = 0; i < 3; i++)
                {
                    var ns = (long)(10_000_000 * factor * Jitter(p * 3 + i + workload.Length));
                    samples.Add(measure == Measure.Time
                        ? new Sample { Workload = workload, Variant = "O2", Engine = engine, Process = p, Iteration = i, Outcome = Outcome.Ok,
                                       CompileNs = 1_000_000, InstantiateNs = 10_000, ExecuteNs = ns + 50_000, RegionNs = ns, CpuNs = ns - 1000,
                                       TotalNs = i == 0 ? 100_000_000 : null, PeakRssKb = 50_000, ExitCode = 0, StdoutSha256 = "aa" }
                        : new Sample { Workload = workload, Variant = "O2", Engine = engine, Process = p, Iteration = 0, Outcome = Outcome.Ok,
                                       Measure = Measure.Instructions, Instructions = (long)(1_000_000_000 * factor), ExitCode = 0, StdoutSha256 = "aa" });
                    if (measure == Measure.Instructions) break;
                }
            cells.Add(new Cell { Workload = workload, Variant = "O2", Engine = engine, Outcome = Outcome.Ok, Samples = 12, MedianNs = 10_000_000 * factor });
        }
        return new RunInfo
        {
            RunId = id, Label = label, Profile = "quick", StartedUtc = started, FinishedUtc = started.AddMinutes(1),
            Fingerprint = fp ?? Machine,
            Engines = [new EngineDescriptor { Id = "wasmtime-50.0.1/cranelift", Family = "wasmtime", Version = "50.0.1", Tier = "cranelift" }],
            Workloads = factors.Keys.Select(w => new WorkloadInfo { Name = w, Variant = "O2", Category = "kernel", Language = "c", WasmSha256 = new string('a', 64), Args = [args] }).ToList(),
            Samples = samples, Cells = cells,
        };
    }

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Store(TempDirectory dir, params RunInfo[] runs)
    {
        var db = dir.Combine("o.duckdb");
        using var store = ObservatoryStore.Open(db);
        foreach (var r in runs) Assert.True(store.Ingest(r));
        return db;
    }

    private static readonly Dictionary<string, double> Before = new() { ["slower"] = 1.0, ["faster"] = 1.0, ["same"] = 1.0 };
    private static readonly Dictionary<string, double> After = new() { ["slower"] = 1.10, ["faster"] = 0.85, ["same"] = 1.0 };

    [Fact]
    public void Json_has_the_documented_shape_and_the_expected_verdicts()
    {
        using var dir = new TempDirectory();
        var db = Store(dir, MakeRun("run-a", "main", T0, Before), MakeRun("run-b", "pr", T0.AddHours(1), After));
        var r = MeasurementFixture.Cli(dir.Path, "compare", "--db", db, "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        var o = JsonNode.Parse(r.Out)!.AsObject();
        Assert.Equal("run-a", (string?)o["base"]);   // defaults: previous vs latest
        Assert.Equal("run-b", (string?)o["diff"]);
        var cells = o["cells"]!.AsArray();
        Assert.Equal(3, cells.Count);
        foreach (var c in cells)
            foreach (var key in new[] { "workload", "engine", "ratio", "ciLow", "ciHigh", "p", "verdict", "variant", "pAdjusted", "metric" })
                Assert.True(c!.AsObject().ContainsKey(key), $"cell lacks '{key}'");
        JsonNode Cell(string w) => cells.Single(c => (string?)c!["workload"] == w)!;
        Assert.Equal("Slower", (string?)Cell("slower")["verdict"]);
        Assert.Equal("Faster", (string?)Cell("faster")["verdict"]);
        Assert.Equal("Same", (string?)Cell("same")["verdict"]);
        Assert.Equal(1.10, (double)Cell("slower")["ratio"]!, 2);
        Assert.True((double)Cell("slower")["ciLow"]! > 1.03);
        Assert.True((double)Cell("faster")["ciHigh"]! < 0.97);
        Assert.Equal("cpu", (string?)Cell("same")["metric"]); // every sample has CPU time
        Assert.True((double)Cell("slower")["pAdjusted"]! >= (double)Cell("slower")["p"]!);
    }

    [Fact]
    public void Labels_ids_prefixes_and_metrics_select_what_is_compared()
    {
        using var dir = new TempDirectory();
        var db = Store(dir, MakeRun("run-a", "main", T0, Before), MakeRun("run-b", "pr", T0.AddHours(1), After));
        var r = MeasurementFixture.Cli(dir.Path, "compare", "pr", "main", "--db", db, "--json", "--metric", "wall");
        Assert.True(r.ExitCode == 0, r.Error);
        var o = JsonNode.Parse(r.Out)!;
        Assert.Equal("run-b", (string?)o["base"]);
        Assert.Equal("Faster", (string?)o["cells"]!.AsArray().Single(c => (string?)c!["workload"] == "slower")!["verdict"]);
        Assert.Equal("wall", (string?)o["cells"]![0]!["metric"]);

        var text = MeasurementFixture.Cli(dir.Path, "compare", "run-", "run-b", "--db", db);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains("ambiguous", text.Error);

        var missing = MeasurementFixture.Cli(dir.Path, "compare", "nightly", "--db", db);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no run matches 'nightly'", missing.Error);
        Assert.Contains(db, missing.Error);
        Assert.Contains("run-b (pr)", missing.Error);

        var threshold = MeasurementFixture.Cli(dir.Path, "compare", "--db", db, "--threshold", "3");
        Assert.Equal(2, threshold.ExitCode);
        Assert.Contains("--threshold", threshold.Error);

        // A 20% threshold turns the 10% change into Same; --fail-on-slower gates only on Slower.
        var lenient = MeasurementFixture.Cli(dir.Path, "compare", "--db", db, "--threshold", "0.2", "--fail-on-slower");
        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(1, MeasurementFixture.Cli(dir.Path, "compare", "--db", db, "--fail-on-slower").ExitCode);
    }

    [Fact]
    public void Runs_with_different_fingerprints_are_refused_with_what_differs()
    {
        using var dir = new TempDirectory();
        var elsewhere = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "other" },
            runtimes: new Dictionary<string, string> { ["wasmtime-50.0.1/cranelift"] = "version 50.0.1 tier cranelift flags opt-level=none" });
        elsewhere = elsewhere with { CpuModel = "Another CPU 1000", Id = "" };
        elsewhere = elsewhere with { Id = FingerprintProbe.ComputeId(elsewhere) };
        var db = Store(dir, MakeRun("run-a", "", T0, Before), MakeRun("run-b", "", T0.AddHours(1), After, elsewhere));

        var refused = MeasurementFixture.Cli(dir.Path, "compare", "run-a", "run-b", "--db", db, "--json");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("", refused.Out);
        Assert.Contains("refusing to compare run run-a with run-b", refused.Error);
        Assert.Contains($"cpu: '{Machine.CpuModel}' vs 'Another CPU 1000'", refused.Error);
        Assert.Contains("toolchain clang: 'test' vs 'other'", refused.Error);
        Assert.Contains("runtime wasmtime-50.0.1/cranelift", refused.Error);
        Assert.Contains("--allow-different-fingerprints", refused.Error);

        var allowed = MeasurementFixture.Cli(dir.Path, "compare", "run-a", "run-b", "--db", db, "--json", "--allow-different-fingerprints");
        Assert.True(allowed.ExitCode == 0, allowed.Error);
        var differences = JsonNode.Parse(allowed.Out)!["fingerprintDifferences"]!.AsArray();
        Assert.Contains(differences, d => ((string?)d)!.StartsWith("cpu:", StringComparison.Ordinal));
        Assert.Contains("different fingerprints", allowed.Error);
    }

    [Fact]
    public void Changed_workload_arguments_are_reported_per_cell_not_refused()
    {
        using var dir = new TempDirectory();
        var db = Store(dir, MakeRun("run-a", "", T0, Before, args: "100"), MakeRun("run-b", "", T0.AddHours(1), After, args: "110"));
        var r = MeasurementFixture.Cli(dir.Path, "compare", "--db", db);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("note: slower/O2 changed between the runs: args '100' -> '110'", r.Out);
        Assert.Contains("1 slower, 1 faster, 1 same", r.Out);
    }

    [Fact]
    public void Instruction_counts_are_compared_by_ratio_alone()
    {
        using var dir = new TempDirectory();
        var db = Store(dir,
            MakeRun("run-a", "", T0, Before, measure: Measure.Instructions),
            MakeRun("run-b", "", T0.AddHours(1), new Dictionary<string, double> { ["slower"] = 1.10, ["faster"] = 0.85, ["same"] = 1.01 }, measure: Measure.Instructions));
        var r = MeasurementFixture.Cli(dir.Path, "compare", "--db", db, "--json", "--metric", "instructions");
        Assert.True(r.ExitCode == 0, r.Error);
        var cells = JsonNode.Parse(r.Out)!["cells"]!.AsArray();
        JsonNode Cell(string w) => cells.Single(c => (string?)c!["workload"] == w)!;
        Assert.Equal("Slower", (string?)Cell("slower")["verdict"]);
        Assert.Equal("Faster", (string?)Cell("faster")["verdict"]);
        Assert.Equal("Same", (string?)Cell("same")["verdict"]); // +1% is inside the 3% threshold
        Assert.Null(Cell("slower")["p"]);                         // deterministic: no test
        Assert.Equal(1.10, (double)Cell("slower")["ratio"]!, 9);
        Assert.Equal(1.10, (double)Cell("slower")["ciLow"]!, 9);

        // The default (auto) takes the counts where both runs have them: the same verdicts, per cell metric "instructions".
        var auto = JsonNode.Parse(MeasurementFixture.Cli(dir.Path, "compare", "--db", db, "--json").Out)!["cells"]!.AsArray();
        Assert.Equal(3, auto.Count);
        Assert.All(auto, c => Assert.Equal("instructions", (string?)c!["metric"]));
        Assert.Equal("Slower", (string?)auto.Single(c => (string?)c!["workload"] == "slower")!["verdict"]);

        // Time comparison of the same runs: there are no time samples, and compare says so.
        var time = MeasurementFixture.Cli(dir.Path, "compare", "--db", db, "--json", "--metric", "wall");
        Assert.Empty(JsonNode.Parse(time.Out)!["cells"]!.AsArray());
        Assert.Contains("no wall samples", (string?)JsonNode.Parse(time.Out)!["skipped"]![0]!["reason"]);
    }

    [Fact]
    public void Change_points_are_found_along_a_cells_history()
    {
        using var dir = new TempDirectory();
        var runs = Enumerable.Range(0, 12).Select(i => MakeRun($"n{i:00}", "nightly", T0.AddDays(i),
            new Dictionary<string, double> { ["w"] = (i < 6 ? 1.0 : 1.2) * (i % 2 == 0 ? 1.005 : 0.995) })).ToArray();
        var db = Store(dir, runs);
        using var store = ObservatoryStore.Open(db);
        var series = ChangePointAnalysis.Series(store, "w", "O2", "wasmtime-50.0.1/cranelift");
        Assert.Equal(12, series.Count);
        var cp = Assert.Single(ChangePointAnalysis.FindAll(store));
        Assert.Equal("n06", cp.RunId);
        Assert.Equal(0.2, cp.RelativeChange, 1);
    }
}
