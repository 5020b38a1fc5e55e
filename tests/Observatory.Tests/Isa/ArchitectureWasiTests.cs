using Xunit;
using Observatory.Core.Engines;
using Observatory.Reports.Site.Pages;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Isa;

/// <summary>WASI results per ISA as stored (conformance_engine_runs.isa) and as architecture.html lays them out.</summary>
public class ArchitectureWasiTests
{
    private static ConformanceRun Wasi(string runId, DateTime started, params (string Engine, string Isa, bool Emulated, string Readdir)[] engines) => new()
    {
        RunId = runId, Suite = "wasi", SuiteRoot = "conformance/wasi", Revision = "own:1", StartedUtc = started, FinishedUtc = started.AddMinutes(1),
        Engines = engines.Select(e => new ConformanceEngineRun(e.Engine, "1", 1.0, 2, 2, e.Isa, e.Emulated)).ToList(),
        Rows = engines.SelectMany(e => new[]
        {
            new ConformanceRow { File = "conformance/wasi/args_basic", Line = 0, Directive = "run", Feature = "args", Engine = e.Engine, Outcome = "pass", IsAssertion = true },
            new ConformanceRow { File = "conformance/wasi/readdir", Line = 0, Directive = "run", Feature = "fd", Engine = e.Engine, Outcome = e.Readdir, IsAssertion = true, Message = e.Readdir == "pass" ? null : "stdout differs" },
        }).ToList(),
    };

    [Fact]
    public void An_outcome_unlike_x86_64s_is_marked_and_each_engine_keeps_its_isa()
    {
        using var tmp = new TempDirectory();
        using var store = ObservatoryStore.Open(tmp.Combine("o.duckdb"));
        var t0 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        // An older run where armv7l passed: only each engine's latest run counts.
        ConformanceStore.Ingest(store, Wasi("w0", t0, ("node-20.11.0-armv7l/default", InstructionSet.Armv7, true, "pass")));
        ConformanceStore.Ingest(store, Wasi("w1", t0.AddHours(1),
            ("wasmtime-50.0.1/cranelift", InstructionSet.X64, false, "pass"),
            ("wasmtime-50.0.1-aarch64/cranelift", InstructionSet.Arm64, true, "pass"),
            ("node-20.11.0-armv7l/default", InstructionSet.Armv7, true, "fail")));

        var stored = store.Query("SELECT engine, isa, emulated FROM conformance_engine_runs WHERE run_id = 'w1' ORDER BY engine");
        Assert.Equal([InstructionSet.Armv7, InstructionSet.Arm64, InstructionSet.X64], stored.Select(r => (string)r["isa"]!));
        Assert.Equal([true, true, false], stored.Select(r => (bool)r["emulated"]!));

        var (engines, tests) = ArchitectureWasi.Build(store);
        Assert.Equal(["wasmtime-50.0.1/cranelift", "wasmtime-50.0.1-aarch64/cranelift", "node-20.11.0-armv7l/default"], engines.Select(e => e.EngineId));
        Assert.Equal("aarch64 (emulated)", engines[1].Architecture);
        var readdir = tests.Single(t => t.Test == "conformance/wasi/readdir");
        Assert.Equal(["pass", "pass", "fail"], readdir.Cells.Select(c => c.Outcome));
        Assert.Equal([false, false, true], readdir.Cells.Select(c => c.Differs));
        Assert.All(tests.Single(t => t.Test == "conformance/wasi/args_basic").Cells, c => Assert.False(c.Differs));
    }

    [Fact]
    public void Without_a_foreign_isa_the_section_is_empty()
    {
        using var tmp = new TempDirectory();
        using var store = ObservatoryStore.Open(tmp.Combine("o.duckdb"));
        Assert.Empty(ArchitectureWasi.Build(store).Tests);
        ConformanceStore.Ingest(store, Wasi("w1", DateTime.UtcNow, ("wasmtime-50.0.1/cranelift", InstructionSet.X64, false, "fail")));
        Assert.Empty(ArchitectureWasi.Build(store).Tests);
    }
}
