using Xunit;
using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Observatory.Harness.Running;
using Observatory.Reports.Analysis;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Isa;

/// <summary>The ISA as a dimension: stored with each engine, and emulated timings kept out of ratios, scores, trends and change points.</summary>
public class ArchitectureDimensionTests
{
    private const string Emulated = "node-20.11.0-s390x/default";

    /// <summary>A sample run plus an emulated engine whose (fast-looking) cell would top every ranking if it counted.</summary>
    private static RunInfo WithEmulatedEngine(string runId, double medianNs)
    {
        var run = SampleRuns.Make(runId);
        return run with
        {
            Engines = [.. run.Engines, new EngineDescriptor { Id = Emulated, Family = "node", Version = "20.11.0", Tier = "default", Isa = InstructionSet.S390x, Emulated = true }],
            Cells = [.. run.Cells, new Cell { Workload = "sum", Variant = "O2", Engine = Emulated, Outcome = Outcome.Ok, Samples = 3, MedianNs = medianNs, CiLowNs = medianNs, CiHighNs = medianNs, RatioToNative = 0.5 }],
        };
    }

    [Fact]
    public void The_store_keeps_isa_and_emulated_but_no_emulated_cell_enters_ratios_overview_or_trends()
    {
        using var tmp = new TempDirectory();
        using var store = ObservatoryStore.Open(Path.Combine(tmp.Path, "o.duckdb"));
        // Seven runs whose emulated median jumps: a change point if emulated series were ever analysed.
        for (var i = 0; i < 7; i++) store.Ingest(WithEmulatedEngine($"r{i}", i < 4 ? 100_000 : 900_000));

        var engine = store.Query("SELECT isa, emulated FROM engines WHERE run_id = 'r0' AND engine_id = $e", ("e", Emulated)).Single();
        Assert.Equal("s390x", engine["isa"]);
        Assert.Equal(true, engine["emulated"]);
        Assert.Equal(InstructionSet.Host, store.Query("SELECT isa FROM engines WHERE run_id = 'r0' AND engine_id = 'native'").Single()["isa"]);
        // The timing is stored...
        Assert.Single(store.Query("SELECT * FROM outcomes WHERE run_id = 'r0' AND engine_id = $e", ("e", Emulated)));
        // ...but never ranked, overviewed or trended.
        Assert.Empty(store.Query("SELECT * FROM engine_workload_ratios WHERE engine_id = $e", ("e", Emulated)));
        Assert.Contains(store.Query("SELECT engine_id FROM engine_workload_ratios"), r => (string)r["engine_id"]! == "wasmtime-50.0.1/cranelift");
        Assert.DoesNotContain(store.Rows<OverviewCell>(OverviewCell.Sql, new { RunId = "r0", Probe = (string?)null }), c => c.EngineId == Emulated);
        Assert.DoesNotContain(store.Rows<TrendPoint>(TrendPoint.Sql), p => p.EngineId == Emulated);
        Assert.Empty(ChangePointAnalysis.Series(store, "sum", "O2", Emulated));
        Assert.DoesNotContain(ChangePointAnalysis.FindAll(store), c => c.Engine == Emulated);
    }

    [Fact]
    public void An_emulated_engine_gets_no_ratio_and_an_emulated_native_is_never_the_baseline()
    {
        var samples = new List<Sample>();
        foreach (var (engine, ns) in new[] { ("native", 1_000_000L), ("native-aarch64", 9_000_000L), (Emulated, 20_000_000L), ("wasmtime", 1_500_000L) })
            for (var p = 0; p < 3; p++)
                samples.Add(new Sample { Workload = "w", Variant = "O2", Engine = engine, Process = p, Iteration = 0, Outcome = Outcome.Ok, ExecuteNs = ns + p, TotalNs = ns + p, ExitCode = 0, StdoutSha256 = "aa" });
        var cells = CellSummarizer.Summarize(samples, "native", emulatedEngines: new HashSet<string> { "native-aarch64", Emulated });
        Assert.Null(cells.Single(c => c.Engine == Emulated).RatioToNative);
        Assert.Null(cells.Single(c => c.Engine == "native-aarch64").RatioToNative);
        Assert.NotNull(cells.Single(c => c.Engine == "wasmtime").RatioToNative);

        var crossNative = new EngineDescriptor { Id = "native-aarch64", Family = "native", Version = "", Tier = "aot", IsNative = true, Isa = InstructionSet.Arm64, Emulated = true };
        Assert.False(crossNative.IsNativeBaseline);
        Assert.True(new EngineDescriptor { Id = "native", Family = "native", Version = "", Tier = "aot", IsNative = true }.IsNativeBaseline);
        Assert.Equal("aarch64 (emulated)", crossNative.Architecture());
    }

    [Fact]
    public void Engine_globs_pick_foreign_isas_only_when_asked()
    {
        var s390x = new EngineDescriptor { Id = Emulated, Family = "node", Version = "20.11.0", Tier = "default", Isa = InstructionSet.S390x, Emulated = true };
        var host = new EngineDescriptor { Id = "node-20.19.2/default", Family = "node", Version = "20.19.2", Tier = "default" };
        Assert.False(EngineCatalog.OnIsa(s390x, null));
        Assert.True(EngineCatalog.OnIsa(host, null));
        Assert.True(EngineCatalog.OnIsa(s390x, ["aarch64", "s390x"]));
        Assert.False(EngineCatalog.OnIsa(host, ["aarch64", "s390x"]));
        Assert.True(EngineCatalog.OnIsa(s390x, ["all"]));
        Assert.Equal(["aarch64", "s390x"], InstructionSet.Parse("arm64, s390x", out _));
        Assert.Null(InstructionSet.Parse("sparc", out var unknown));
        Assert.Equal("sparc", unknown);
    }

    [Fact]
    public void First_differing_bytes_are_found_in_hex()
    {
        Assert.Null(ByteDiff.First("abc\n"u8, "abc\n"u8));
        var d = ByteDiff.First("sum 0x01020304\n"u8, "sum 0x04030201\n"u8)!;
        Assert.Equal(7, d.Offset);
        Assert.Equal("313032303330340a", d.Expected);
        Assert.Equal("343033303230310a", d.Actual);
        var shorter = ByteDiff.First("abc"u8, "ab"u8)!;
        Assert.Equal(2, shorter.Offset);
        Assert.Equal("(end of output)", shorter.Actual);
    }
}
