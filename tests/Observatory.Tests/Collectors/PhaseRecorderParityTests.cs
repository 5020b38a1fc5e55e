using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;
using Wt = global::Wasmtime;

namespace Observatory.Tests.Collectors;

/// <summary>
/// Both in-process engines measure through the one recorder, so the same real module (wasi_probe.c,
/// clang-22 for wasm32-wasip1, one bench region) yields the same fields on each: CPU time, linear
/// memory, one region span, and the stdout hash (native's), by the same rule, also for a trap.
/// </summary>
public sealed class PhaseRecorderParityTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    private static readonly string[] InProcess =
    [
        $"wasmtime-{WasmtimeEngine.PackageVersion}/cranelift",
        $"wasmc-wasmtime-{WasmtimeEngine.PackageVersion}",
    ];

    private static IterationResult RunOn(string engineId, string wasm, string test, int? requests = null)
    {
        var scratch = Bed.Temp.Combine("parity", test, EveryEngineTests.Safe(engineId));
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        var r = Bed.Engine(engineId).Run(new EngineInvocation
        {
            ArtifactPath = wasm, Args = Bed.ProbeArgs, Environment = Bed.ProbeEnv, StdinPath = Bed.StdinFile,
            Preopens = [new DirectoryMapping(data, ".")], ScratchDirectory = scratch, ProgramName = "wasi_probe",
            Requests = requests, Timeout = TimeSpan.FromMinutes(2),
        });
        return Assert.Single(r.Iterations);
    }

    [Fact]
    public void Both_engines_report_cpu_time_linear_memory_regions_and_the_same_stdout_hash()
    {
        var expectedHash = Sha256File.Of(Bed.Temp.Write("parity/expected-stdout.txt", Bed.ExpectedStdout));
        var results = InProcess.Select(id => (Id: id, It: RunOn(id, Bed.ProbeWasm, "probe"))).ToList();
        foreach (var (id, it) in results)
        {
            Assert.True(it.Outcome == Outcome.Ok, $"{id}: {it.Outcome}: {it.Message}");
            Assert.True(it.CpuNs > 0, $"{id}: no CPU time");
            Assert.True(it.LinearMemoryBytes > 0 && it.LinearMemoryBytes % 65536 == 0, $"{id}: linear memory {it.LinearMemoryBytes}");
            Assert.Single(it.RegionsNs!);
            Assert.Equal(it.RegionNs, it.RegionsNs!.Sum());
            Assert.Equal(expectedHash, it.StdoutSha256);
        }
        // Same module, same program: the same number of pages at exit on both.
        Assert.Equal(results[0].It.LinearMemoryBytes, results[1].It.LinearMemoryBytes);
    }

    [Fact]
    public void A_burst_reports_the_same_fields_on_both_engines()
    {
        foreach (var id in InProcess)
        {
            var it = RunOn(id, Bed.ProbeWasm, "burst", requests: 2);
            Assert.True(it.Outcome == Outcome.Ok, $"{id}: {it.Outcome}: {it.Message}");
            Assert.True(it.CpuNs > 0 && it.LinearMemoryBytes > 0, $"{id}: cpu {it.CpuNs}, memory {it.LinearMemoryBytes}");
            Assert.Equal(it.ExecuteNs, Assert.Single(it.RegionsNs!));
        }
    }

    [Fact]
    public void A_trap_after_output_is_hashed_by_the_same_rule_on_both_engines()
    {
        // Writes "partial\n", then traps: both engines hash what was written, whatever the outcome.
        var path = Bed.Temp.Combine("parity", "partial-then-trap.wasm");
        File.WriteAllBytes(path, Wt.Module.ConvertText("""
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "partial\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 8))
                (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                unreachable))
            """));
        var expected = Sha256File.Of(Bed.Temp.Write("parity/partial.txt", "partial\n"));
        foreach (var id in InProcess)
        {
            var it = RunOn(id, path, "trap");
            Assert.Equal(Outcome.Trap, it.Outcome);
            Assert.Null(it.ExitCode);
            Assert.Equal(expected, it.StdoutSha256);
            Assert.Equal(65536, it.LinearMemoryBytes);
            Assert.True(it.CpuNs >= 0, $"{id}: no CPU time on a trap");
        }
    }
}
