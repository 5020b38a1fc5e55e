using System.Text.Json.Nodes;
using Xunit;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Collectors.Engines.WasmtimeC;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Observatory.Reports.Store;
using Observatory.Tests.Collectors;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Isa;

/// <summary>
/// Wasmtime through the project's C host over the packaged libwasmtime.so: natively over the host's own library
/// (the check that the hand-written header matches the library), then on aarch64 under qemu-user (the registered
/// engine), where it must print the native reference's bytes, trap like Wasmtime, stay in the OS sandbox, and take
/// part in the WASI suite and the portability matrix per ISA. The emulated cases need qemu-user-static and the arm64
/// cross libraries (./build.sh installs them); without them the engine's reason says what is missing.
/// </summary>
public class WasmtimeCHostTests
{
    private const string Aarch64Id = "wasmtime-50.0.1-aarch64/cranelift";

    private static EngineTestBed Bed => EngineTestBed.Shared;

    private static IEngine Ready(IEngine engine)
    {
        Assert.True(engine.Descriptor.Status == EngineStatus.Ready, $"{engine.Descriptor.Id}: {engine.Descriptor.Status.ToWire()}: {engine.Descriptor.Reason}");
        return engine;
    }

    private static IEngine Native => Ready(WasmtimeCProvider.For(Bed.Env, InstructionSet.Host));

    private static IEngine Aarch64 => Ready(Bed.Engine(Aarch64Id));

    private static string Wat(string name, string text)
    {
        var dir = Bed.Temp.Combine("wasmtime-c", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var wat = Path.Combine(dir, name + ".wat");
        File.WriteAllText(wat, text);
        var wasm = Path.Combine(dir, name + ".wasm");
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = "wat2wasm", Arguments = [wat, "-o", wasm] });
        Assert.True(r.ExitCode == 0, $"wat2wasm failed: {r.Stderr}");
        return wasm;
    }

    private static ProcessResult RunModule(IEngine engine, string wasm) => engine.Run(new EngineInvocation
    {
        ArtifactPath = wasm, ScratchDirectory = Bed.Temp.Combine("wasmtime-c-run", Guid.NewGuid().ToString("N")[..8]),
        Timeout = TimeSpan.FromMinutes(2),
    });

    [Fact]
    public void The_host_runs_the_probe_natively_over_the_host_library_with_every_phase_timed()
    {
        var engine = Native;
        Assert.Equal("wasmtime-capi-50.0.1/cranelift", engine.Descriptor.Id);
        Assert.False(engine.Descriptor.Emulated);
        var r = Bed.Run(engine, Bed.ProbeWasm, Bed.Temp.Combine("wasmtime-c-native"), iterations: 2);
        Assert.Equal(2, r.Iterations.Count);
        foreach (var it in r.Iterations)
        {
            Assert.True(it.Outcome == Outcome.Ok, it.Message);
            Assert.Equal(0, it.ExitCode);
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
            Assert.NotNull(it.StdoutSha256);
            Assert.True(it.CompileNs > 0 && it.InstantiateNs > 0 && it.ExecuteNs > 0, $"phases {it.CompileNs} {it.InstantiateNs} {it.ExecuteNs}");
            // The probe marks one bench region around its loop.
            Assert.Single(it.RegionsNs!);
            Assert.True(it.LinearMemoryBytes >= 65536);
        }
        Assert.True(r.PeakRssKb > 0);
    }

    [Fact]
    public void Exit_codes_traps_and_missing_imports_come_back_as_outcomes()
    {
        var engine = Native;
        var exit = RunModule(engine, Wat("exit", """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 7))))
            """)).Iterations.Single();
        Assert.Equal(Outcome.Ok, exit.Outcome);
        Assert.Equal(7, exit.ExitCode);

        var trap = RunModule(engine, Wat("unreachable", "(module (func (export \"_start\") unreachable))")).Iterations.Single();
        Assert.Equal(Outcome.Trap, trap.Outcome);
        Assert.Contains("unreachable", trap.Message);

        var run = RunModule(engine, Wat("kernel", "(module (func (export \"run\") (result i32) (i32.const 42)))")).Iterations.Single();
        Assert.True(run.Outcome == Outcome.Ok, run.Message);
        Assert.Equal(0, run.ExitCode);

        var foreign = RunModule(engine, Wat("foreign", """
            (module (import "env" "missing" (func)) (func (export "_start")))
            """)).Iterations.Single();
        Assert.Equal(Outcome.Unsupported, foreign.Outcome);
        Assert.Contains("env", foreign.Message);
    }

    [Fact]
    public void On_aarch64_under_qemu_it_prints_the_native_reference_and_traps_on_out_of_bounds()
    {
        var engine = Aarch64;
        Assert.Equal(InstructionSet.Arm64, engine.Descriptor.Isa);
        Assert.True(engine.Descriptor.Emulated);
        Assert.Contains("emulator=qemu-aarch64-static", engine.Descriptor.Flags);
        var it = Bed.Run(engine, Bed.ProbeWasm, Bed.Temp.Combine("wasmtime-c-aarch64")).Iterations.Single();
        Assert.True(it.Outcome == Outcome.Ok, it.Message);
        Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
        Assert.True(it.CompileNs > 0 && it.ExecuteNs > 0);

        // Wasmtime on aarch64 catches this with guard pages and a signal handler: qemu-user must deliver the fault.
        var oob = RunModule(engine, Wat("oob", """
            (module (memory 1) (func (export "_start") (drop (i32.load (i32.const 0x7ffffff0)))))
            """)).Iterations.Single();
        Assert.Equal(Outcome.Trap, oob.Outcome);
        Assert.Contains("out of bounds", oob.Message);
    }

    [Fact]
    public void A_missing_qemu_or_library_is_not_installed_with_the_reason()
    {
        var noQemu = ForeignIsa.Named(InstructionSet.Arm64)! with { QemuName = "qemu-aarch64-missing-static" };
        var missing = WasmtimeCProvider.For(Bed.Env, InstructionSet.Arm64, noQemu).Descriptor;
        Assert.Equal(EngineStatus.NotInstalled, missing.Status);
        Assert.Equal(Aarch64Id, missing.Id);
        Assert.Contains("qemu-aarch64-missing-static not on PATH", missing.Reason);
        Assert.True(missing.Emulated);

        var s390x = WasmtimeCProvider.For(Bed.Env, InstructionSet.S390x).Descriptor;
        Assert.Equal(EngineStatus.NotInstalled, s390x.Status);
        Assert.Contains("ships no libwasmtime.so for s390x", s390x.Reason);
    }

    [Fact]
    public void Sandbox_escapes_fail_on_aarch64_and_wasi_results_are_stored_with_their_isa()
    {
        using var tmp = new TempDirectory();
        var db = tmp.Combine("o.duckdb");
        var escape = MeasurementFixture.Cli(Repo.Root, "conformance", "--suite", "sandbox", "--arch", "aarch64", "--engines", Aarch64Id,
            "--files", "*host_symlink*", "--json", "--db", db);
        Assert.True(escape.ExitCode == 0, escape.Error);
        var wasi = MeasurementFixture.Cli(Repo.Root, "conformance", "--suite", "wasi", "--arch", "aarch64", "--engines", Aarch64Id,
            "--files", "*args_basic*", "--json", "--db", db);
        Assert.True(wasi.ExitCode == 0, wasi.Error);

        using var store = ObservatoryStore.Open(db, readOnly: true);
        // The symlink the host placed pointing out of the preopen is refused by Wasmtime's WASI alone and inside the OS sandbox.
        var escapes = store.Query("SELECT directive, outcome FROM conformance_results WHERE suite = 'sandbox' ORDER BY directive");
        Assert.Equal(["engine-wasi", "os-sandbox"], escapes.Select(r => (string)r["directive"]!));
        Assert.All(escapes, r => Assert.Equal("pass", r["outcome"]));
        var run = store.Query("""
            SELECT e.isa, e.emulated, r.outcome FROM conformance_engine_runs e
            JOIN conformance_runs c USING (run_id) JOIN conformance_results r ON r.run_id = e.run_id AND r.engine = e.engine
            WHERE c.suite = 'wasi'
            """).Single();
        Assert.Equal(InstructionSet.Arm64, run["isa"]);
        Assert.Equal(true, run["emulated"]);
        Assert.Equal("pass", run["outcome"]);
    }

    [Fact]
    public void It_takes_part_in_the_portability_matrix_and_agrees_with_x86_64()
    {
        using var tmp = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(tmp);
        TestWorkloads.Add(corpus, "sum", TestWorkloads.Sum, "[\"1000\"]");
        var r = MeasurementFixture.Cli(Repo.Root, "portability", "--workload-dir", corpus, "--arch", "aarch64",
            "--engines", Aarch64Id, "--json", "--db", tmp.Combine("o.duckdb"));
        Assert.True(r.ExitCode == 0, r.Error);
        var cell = JsonNode.Parse(r.Out)!["cells"]!.AsArray().Single(c => (string)c!["engine"]! == Aarch64Id)!;
        Assert.Equal("agree", (string)cell["verdict"]!);
        Assert.True((bool)cell["emulated"]!);
    }
}
