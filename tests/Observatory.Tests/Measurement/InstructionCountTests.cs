using Observatory.Collectors.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Harness.Running;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Measurement;

/// <summary>`--measure instructions` on native code under real valgrind: counted, deterministic, stored, comparable.</summary>
[Collection(MeasurementProcesses.Name)]
public class InstructionCountTests
{
    private static RunInfo Count(TempDirectory dir, string name, string n, IEngine? engine = null)
    {
        var a = MeasurementFixture.Build(dir, name, MeasurementFixture.Sum, $"[\"{n}\"]");
        var valgrind = InstructionCounter.FindValgrind();
        Assert.True(valgrind is not null, "valgrind is part of the development machines' setup (apt-get install valgrind)");
        var executor = new RunExecutor(new RunProfile("quick", 1, 1, TimeSpan.FromSeconds(60)), dir.Combine("scratch"), TextWriter.Null)
        {
            Measures = [Measure.Instructions],
            InstructionCounter = new InstructionCounter(valgrind!),
        };
        var fp = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "test" });
        return executor.Execute($"{name}-{Guid.NewGuid().ToString("N")[..6]}", name, [a], [engine ?? MeasurementFixture.Native], fp);
    }

    [Fact]
    public void Native_instruction_counts_are_deterministic_stored_and_flag_more_work()
    {
        using var dir = new TempDirectory();
        var a = Count(dir, "sum", "1000000");
        var again = Count(dir, "sum", "1000000");
        using var more = new TempDirectory();
        var b = Count(more, "sum", "1100000");

        var s = Assert.Single(a.Samples);
        Assert.Equal(Measure.Instructions, s.Measure);
        Assert.Equal(Outcome.Ok, s.Outcome);
        Assert.True(s.Instructions > 1_000_000, $"a million loop iterations execute more than a million instructions, got {s.Instructions}");
        Assert.Null(s.ExecuteNs); // no times from a callgrind pass
        Assert.Equal(s.Instructions, Assert.Single(again.Samples).Instructions);
        Assert.Equal(s.Instructions, (long?)a.Cells.Single().MedianInstructions);

        var db = dir.Combine("o.duckdb");
        using var store = ObservatoryStore.Open(db);
        Assert.True(store.Ingest(a));
        Assert.True(store.Ingest(b));
        Assert.Equal(s.Instructions, store.Scalar<long>($"SELECT instructions FROM samples WHERE run_id = '{a.RunId}' AND metric = 'instructions'"));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM samples WHERE metric = 'time'"));

        var report = RunComparer.Compare(store, RunReference.Resolve(store, a.RunId), RunReference.Resolve(store, b.RunId), ComparisonMetric.Parse("instructions"));
        var cell = Assert.Single(report.Cells);
        Assert.Equal(Observatory.Core.Statistics.Verdict.Slower, cell.Verdict);
        Assert.InRange(cell.Ratio, 1.09, 1.11);
        Assert.Equal("args '1000000' -> '1100000'", cell.WorkloadChange);

        // compare's default picks the counts when both runs have them: no time metric needed.
        var auto = Assert.Single(RunComparer.Compare(store, RunReference.Resolve(store, a.RunId), RunReference.Resolve(store, b.RunId), ComparisonMetric.Auto).Cells);
        Assert.Equal("instructions", auto.Metric);
        Assert.Equal(Observatory.Core.Statistics.Verdict.Slower, auto.Verdict);
        Assert.Null(auto.P);
    }

    [Fact]
    public void Engines_callgrind_cannot_wrap_say_so_instead_of_inventing_numbers()
    {
        // Debian's node is stripped: V8's JS-to-wasm entry has no symbol to switch collection on.
        var node = MeasurementFixture.Engines("node-20*/default").Single();
        Assert.Contains("has no symbol table", InstructionCounter.Unsupported(node));
        var bun = MeasurementFixture.Engines("bun-*/default").Single();
        Assert.Contains("JavaScriptCore", InstructionCounter.Unsupported(bun));
        Assert.Null(InstructionCounter.Unsupported(MeasurementFixture.Native));
        Assert.Null(InstructionCounter.Unsupported(MeasurementFixture.Wasmtime));
    }

    [Fact]
    public void The_wasm_h_engine_is_counted_inside_the_call_that_runs_the_module()
    {
        // The worker's own command line behind valgrind, collection toggled on the call its
        // capabilities name (wasm_func_call): the loop's instructions, not .NET's start-up. (Wasmtime's
        // worker goes the same way with wasmtime_func_call; one engine keeps this test to ~2 minutes.)
        var engine = MeasurementFixture.Engines("wasmc-wasmtime-50.0.1").Single();
        Assert.Null(InstructionCounter.Unsupported(engine));
        using var dir = new TempDirectory();
        var s = Assert.Single(Count(dir, "sum", "1000000", engine).Samples);
        Assert.True(s.Outcome == Outcome.Ok, $"{engine.Descriptor.Id}: {s.Outcome}: {s.Message}");
        Assert.InRange(s.Instructions ?? 0, 1_000_000, 200_000_000);
    }

    [Fact]
    public void V8_in_the_npm_node_build_is_counted_inside_its_js_to_wasm_entry()
    {
        // Collection switched on in Builtins_JSToWasmWrapperAsm (with --smc-check=all): the module's run,
        // not node's start-up or its compiler threads. 10% more loop iterations show as about 10% more.
        var engine = MeasurementFixture.Engines("node-26*/default").Single();
        Assert.Null(InstructionCounter.Unsupported(engine));
        using var dir = new TempDirectory();
        // Large enough that the loop outweighs the one lazy TurboFan compile inside the counted span.
        var a = Assert.Single(Count(dir, "sum", "100000000", engine).Samples);
        using var more = new TempDirectory();
        var b = Assert.Single(Count(more, "sum", "110000000", engine).Samples);
        Assert.True(a.Outcome == Outcome.Ok, $"{engine.Descriptor.Id}: {a.Outcome}: {a.Message}");
        Assert.True(b.Outcome == Outcome.Ok, $"{engine.Descriptor.Id}: {b.Outcome}: {b.Message}");
        Assert.InRange(a.Instructions ?? 0, 100_000_000, 2_000_000_000);
        Assert.InRange((double)b.Instructions! / a.Instructions!.Value, 1.05, 1.15);
    }

    [Fact]
    public void Wasm2c_is_counted_inside_the_hosts_call_of_the_entry_point()
    {
        var engine = MeasurementFixture.Engines("wasm2c-*").Single();
        Assert.Null(InstructionCounter.Unsupported(engine));
        using var dir = new TempDirectory();
        var s = Assert.Single(Count(dir, "sum", "1000000", engine).Samples);
        Assert.True(s.Outcome == Outcome.Ok, $"{engine.Descriptor.Id}: {s.Outcome}: {s.Message}");
        Assert.InRange(s.Instructions ?? 0, 1_000_000, 200_000_000);
        Assert.NotNull(s.StdoutSha256); // the parent hashes what the C host wrote
    }
}
