using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Core.Runs;
using Wt = global::Wasmtime;

namespace Observatory.Tests.Collectors;

/// <summary>
/// One set of behaviours, run on the Wasmtime .NET engine and on the wasm.h engine over the
/// same libwasmtime.so: the wasm.h layer and its WASI shim must behave as Wasmtime's own
/// WASI does (output, exit codes, traps, unsupported modules, sandboxing, phases).
/// </summary>
public sealed class InProcessEngineConformanceTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    public static TheoryData<string> InProcessEngines => new()
    {
        $"wasmtime-{WasmtimeEngine.PackageVersion}/cranelift",
        $"wasmc-wasmtime-{WasmtimeEngine.PackageVersion}",
    };

    private static string Module(string name, string wat)
    {
        var path = Bed.Temp.Combine("modules", name + ".wasm");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Wt.Module.ConvertText(wat));
        }
        return path;
    }

    private static IterationResult RunOne(string engineId, string wasm, string test, int iterations = 1)
    {
        var r = Bed.Run(Bed.Engine(engineId), wasm, Bed.Temp.Combine("inproc", test, EveryEngineTests.Safe(engineId)), iterations);
        Assert.Equal(iterations, r.Iterations.Count);
        return r.Iterations[0];
    }

    [Theory]
    [MemberData(nameof(InProcessEngines))]
    public void Hello_world_through_fd_write(string engineId)
    {
        var wasm = Module("hello", """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello\n")
              (func (export "_start")
                (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 6))
                (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
            """);
        var it = RunOne(engineId, wasm, "hello");
        Assert.Equal(Outcome.Ok, it.Outcome);
        Assert.Equal(0, it.ExitCode);
        Assert.Equal("hello\n", File.ReadAllText(it.StdoutPath!));
    }

    [Theory]
    [MemberData(nameof(InProcessEngines))]
    public void Proc_exit_code_is_the_exit_code_not_a_trap(string engineId)
    {
        var wasm = Module("exit7", """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 7))))
            """);
        var it = RunOne(engineId, wasm, "exit7");
        Assert.Equal(Outcome.Ok, it.Outcome);
        Assert.Equal(7, it.ExitCode);
    }

    [Theory]
    [MemberData(nameof(InProcessEngines))]
    public void Unreachable_is_a_trap_with_a_message(string engineId)
    {
        var wasm = Module("trap", """(module (memory (export "memory") 1) (func (export "_start") unreachable))""");
        var it = RunOne(engineId, wasm, "trap");
        Assert.Equal(Outcome.Trap, it.Outcome);
        Assert.Contains("unreachable", it.Message ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(InProcessEngines))]
    public void Unknown_import_and_invalid_bytes_are_unsupported(string engineId)
    {
        var missing = Module("missing-import", """
            (module (import "env" "missing" (func)) (memory (export "memory") 1) (func (export "_start")))
            """);
        Assert.Equal(Outcome.Unsupported, RunOne(engineId, missing, "missing").Outcome);
        var garbage = Bed.Temp.Write("modules/garbage.wasm", "this is not wasm");
        Assert.Equal(Outcome.Unsupported, RunOne(engineId, garbage, "garbage").Outcome);
    }

    [Theory]
    [MemberData(nameof(InProcessEngines))]
    public void Paths_cannot_escape_the_preopened_directory(string engineId)
    {
        // path_open(fd 3 = the preopen, "../escape.txt", O_CREAT): exit 0 if it succeeded, 9 if refused.
        var wasm = Module("escape", """
            (module
              (import "wasi_snapshot_preview1" "path_open"
                (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "../escape.txt")
              (func (export "_start")
                (if (i32.eqz (call $open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 13) (i32.const 1)
                                   (i64.const 0x1FFFFFFF) (i64.const 0x1FFFFFFF) (i32.const 0) (i32.const 0)))
                  (then (call $exit (i32.const 0)))
                  (else (call $exit (i32.const 9))))))
            """);
        var it = RunOne(engineId, wasm, "escape");
        Assert.Equal(Outcome.Ok, it.Outcome);
        Assert.Equal(9, it.ExitCode);
        Assert.False(File.Exists(Bed.Temp.Combine("inproc", "escape", EveryEngineTests.Safe(engineId), "escape.txt")));
    }

    [Theory]
    [MemberData(nameof(InProcessEngines))]
    public void Every_iteration_reports_its_phases_and_the_bench_region(string engineId)
    {
        var r = Bed.Run(Bed.Engine(engineId), Bed.ProbeWasm, Bed.Temp.Combine("inproc", "phases", EveryEngineTests.Safe(engineId)), iterations: 2);
        Assert.Equal(2, r.Iterations.Count);
        foreach (var it in r.Iterations)
        {
            Assert.Equal(Outcome.Ok, it.Outcome);
            Assert.True(it.CompileNs > 0 && it.InstantiateNs > 0 && it.ExecuteNs > 0, $"phases missing: {it}");
            Assert.True(it.RegionNs > 0 && it.RegionNs <= it.ExecuteNs, $"region {it.RegionNs} not within execute {it.ExecuteNs}");
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
        }
    }

    [Theory]
    [MemberData(nameof(InProcessEngines))]
    public void A_kernel_without_wasi_runs_its_run_export(string engineId)
    {
        var wasm = Module("kernel", KernelWat);
        var it = RunOne(engineId, wasm, "kernel");
        Assert.Equal(Outcome.Ok, it.Outcome);
    }

    /// <summary>A kernel with no imports at all: sums 0..9999 and returns it from run().</summary>
    public const string KernelWat = """
        (module
          (func (export "run") (result i32) (local $i i32) (local $s i32)
            (block $done (loop $next
              (br_if $done (i32.ge_u (local.get $i) (i32.const 10000)))
              (local.set $s (i32.add (local.get $s) (local.get $i)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (local.get $s)))
        """;
}
