using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Wasm2c;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors;

/// <summary>
/// The wasm2c engine on real modules: wasm2c and clang-22 compile each one (cached per module
/// hash in the bed's engine cache), the executable runs in the sandbox and reports @obs lines.
/// wasi_probe.c (args, environ, clocks, stdin, files, bench region) must print what its native
/// build prints; traps, proc_exit, and modules the toolchain cannot take are outcomes with messages.
/// </summary>
public sealed class Wasm2cEngineTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    private static IEngine Engine()
    {
        var engine = Bed.Engines.Single(e => e.Descriptor.Family == Wasm2cEngine.Family);
        Assert.True(engine.Descriptor.Status == EngineStatus.Ready, $"{engine.Descriptor.Id}: {engine.Descriptor.Reason}");
        return engine;
    }

    private static string Module(string name, string wat)
    {
        var path = Bed.Temp.Combine("wasm2c", name + ".wasm");
        lock (Bed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path)) File.WriteAllBytes(path, global::Wasmtime.Module.ConvertText(wat));
        }
        return path;
    }

    private static IterationResult RunOne(string wasm, string scratch)
    {
        var r = Bed.Run(Engine(), wasm, Bed.Temp.Combine("wasm2c", scratch), args: []);
        return Assert.Single(r.Iterations);
    }

    [Fact]
    public void Wasi_program_runs_with_every_phase_and_the_compile_time_of_its_one_build()
    {
        var r = Bed.Run(Engine(), Bed.ProbeWasm, Bed.Temp.Combine("wasm2c", "probe"), iterations: 2);
        Assert.Equal(2, r.Iterations.Count);
        foreach (var it in r.Iterations)
        {
            Assert.True(it.Outcome == Outcome.Ok, $"{it.Outcome}: {it.Message} {r.StderrTail}");
            Assert.Equal(0, it.ExitCode);
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
            Assert.Equal(Observatory.Collectors.Processes.Sha256File.Of(it.StdoutPath!), it.StdoutSha256);
            Assert.True(it.InstantiateNs > 0 && it.ExecuteNs > 0 && it.CpuNs > 0, $"instantiate {it.InstantiateNs}, execute {it.ExecuteNs}, cpu {it.CpuNs}");
            Assert.Single(it.RegionsNs!);
            Assert.Equal(it.RegionsNs![0], it.RegionNs);
            Assert.True(it.LinearMemoryBytes >= 65536, $"linear memory {it.LinearMemoryBytes}");
            Assert.Equal("this goes to stderr\n", File.ReadAllText(Path.Combine(Path.GetDirectoryName(it.StdoutPath!)!, $"stderr-{it.Iteration}.txt")));
        }
        // Compiled once: both iterations carry the same measured wasm2c + clang time.
        Assert.True(r.Iterations[0].CompileNs > 0);
        Assert.Equal(r.Iterations[0].CompileNs, r.Iterations[1].CompileNs);
        Assert.Contains(Engine().Descriptor.Flags, f => f.StartsWith("bounds-checks=guard-pages", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> Traps => new()
    {
        { "unreachable", "unreachable", "wasm trap: unreachable" },
        { "oob", "i32.const 70000 i32.load drop", "out of bounds memory" },
        { "divide", "i32.const 1 i32.const 0 i32.div_s drop", "integer divide by zero" },
        // Not a tail call, so clang cannot turn the recursion into a loop: the host stack overflows into its guard page.
        { "stack", "(local i32) call $start local.get 0 i32.const 1 i32.add local.set 0 i32.const 0 local.get 0 i32.store", "call stack exhausted" },
    };

    [Theory]
    [MemberData(nameof(Traps))]
    public void A_trap_is_a_trap_outcome_with_its_name(string name, string body, string message)
    {
        var wasm = Module("trap-" + name, $"(module (memory (export \"memory\") 1) (func $start (export \"_start\") {body}))");
        var it = RunOne(wasm, "trap-" + name);
        Assert.True(it.Outcome == Outcome.Trap, $"{it.Outcome}: {it.Message}");
        Assert.Contains(message, it.Message);
        Assert.Null(it.ExitCode);
    }

    [Fact]
    public void Proc_exit_ends_the_module_with_its_code()
    {
        var wasm = Module("exit7", "(module (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))" +
                                   " (memory (export \"memory\") 1) (func (export \"_start\") i32.const 7 call $exit unreachable))");
        var it = RunOne(wasm, "exit7");
        Assert.True(it.Outcome == Outcome.Ok, $"{it.Outcome}: {it.Message}");
        Assert.Equal(7, it.ExitCode);
    }

    [Fact]
    public void A_module_wasm2c_cannot_translate_is_unsupported_with_the_reason()
    {
        var wasm = Module("simd", "(module (func (export \"_start\") i32.const 1 i32x4.splat drop))");
        var it = RunOne(wasm, "simd");
        Assert.Equal(Outcome.Unsupported, it.Outcome);
        Assert.Contains("SIMD", it.Message);
        Assert.Contains("wasm2c", it.Message);
        // The failure is kept beside the builds: the next process does not run wasm2c again.
        var recorded = Directory.GetFiles(Path.Combine(Bed.Env.EffectiveCacheDirectory, "wasm2c"), Wasm2cBuild.FileName, SearchOption.AllDirectories)
            .Select(f => Wasm2cBuild.Load(Path.GetDirectoryName(f)!)).Where(b => b?.Failure is not null).Select(b => b!.Message);
        Assert.Contains(it.Message, recorded);
    }

    [Fact]
    public void An_import_the_host_does_not_provide_is_unsupported_naming_it()
    {
        var wasm = Module("env-import", "(module (import \"env\" \"f\" (func)) (func (export \"_start\") call 0))");
        var it = RunOne(wasm, "env-import");
        Assert.Equal(Outcome.Unsupported, it.Outcome);
        Assert.Contains("env.f", it.Message);
    }

    [Fact]
    public void A_wasi_name_outside_preview1_fails_at_link_time_as_unsupported_with_clangs_message()
    {
        var wasm = Module("bad-wasi", "(module (import \"wasi_snapshot_preview1\" \"no_such_call\" (func (result i32)))" +
                                      " (memory (export \"memory\") 1) (func (export \"_start\") call 0 drop))");
        var it = RunOne(wasm, "bad-wasi");
        Assert.Equal(Outcome.Unsupported, it.Outcome);
        Assert.Contains("no_such_call", it.Message);
    }

    [Fact]
    public void A_module_above_the_size_limit_is_refused_before_any_compilation()
    {
        var big = Bed.Temp.Combine("wasm2c", "huge.wasm");
        using (var f = File.Create(big)) f.SetLength(Wasm2cToolchain.MaxModuleBytes + 1);
        var it = RunOne(big, "huge");
        Assert.Equal(Outcome.Unsupported, it.Outcome);
        Assert.StartsWith("module too large", it.Message);
    }

    [Fact]
    public void A_burst_serves_every_request_in_a_fresh_instance()
    {
        var r = Engine().Run(new EngineInvocation
        {
            ArtifactPath = Bed.ProbeWasm,
            Args = Bed.ProbeArgs,
            Environment = Bed.ProbeEnv,
            StdinPath = Bed.StdinFile,
            Preopens = [new DirectoryMapping(Directory.CreateDirectory(Bed.Temp.Combine("wasm2c", "burst", "data")).FullName, ".")],
            ScratchDirectory = Bed.Temp.Combine("wasm2c", "burst"),
            Requests = 3,
            ProgramName = "wasi_probe",
        });
        var it = Assert.Single(r.Iterations);
        Assert.True(it.Outcome == Outcome.Ok, $"{it.Outcome}: {it.Message}");
        Assert.Equal(0, it.ExitCode);
        // Each request made and removed its files again: the last request's stdout is the whole program's.
        Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
        Assert.Equal(it.ExecuteNs, it.RegionNs);
    }
}
