using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.SpiderMonkey;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Wt = global::Wasmtime;

namespace Observatory.Tests.Collectors;

/// <summary>
/// SpiderMonkey through Debian's gjs (installed by build.sh): the real gjs process runs the real
/// driver over the JS WASI shim on GLib/Gio. The probe's output must equal the native build's,
/// phases, regions, CPU time and linear memory must be reported, bursts served, and faults
/// classified as on the other engines (SpiderMonkey's stack overflow is an InternalError, not a RangeError).
/// </summary>
public sealed class GjsEngineTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    private static IEngine Gjs()
    {
        var e = Bed.Engines.SingleOrDefault(e => e.Descriptor.Family == GjsRuntime.Family);
        Assert.NotNull(e);
        Assert.True(e.Descriptor.Status == EngineStatus.Ready, $"{e.Descriptor.Id}: {e.Descriptor.Reason} ({GjsRuntime.InstallHint})");
        return e;
    }

    private static string Module(string name, string wat)
    {
        var path = Bed.Temp.Combine("gjs-modules", name + ".wasm");
        lock (Bed)
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, Wt.Module.ConvertText(wat));
            }
        return path;
    }

    private static ProcessResult Run(string test, string wasm, int iterations = 1, int? requests = null)
    {
        var scratch = Bed.Temp.Combine("gjs", test);
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        return Gjs().Run(new EngineInvocation
        {
            ArtifactPath = wasm, Args = Bed.ProbeArgs, Environment = Bed.ProbeEnv, StdinPath = Bed.StdinFile,
            Preopens = [new DirectoryMapping(data, ".")], ScratchDirectory = scratch, Iterations = iterations,
            ProgramName = "wasi_probe", Requests = requests, Timeout = TimeSpan.FromMinutes(3),
        });
    }

    [Fact]
    public void Gjs_is_listed_with_its_versions_and_clock_resolution()
    {
        var d = Gjs().Descriptor;
        Assert.Matches(@"^gjs-\d+\.\d+\.\d+/default$", d.Id);
        Assert.Contains(d.Flags, f => System.Text.RegularExpressions.Regex.IsMatch(f, @"^mozjs=\d+\.\d+"));
        Assert.Contains("clock=GLib monotonic (1 us)", d.Flags);
    }

    [Fact]
    public void The_probe_prints_what_native_prints_with_phases_region_cpu_and_memory()
    {
        var r = Run("probe", Bed.ProbeWasm, iterations: 2);
        Assert.Equal(2, r.Iterations.Count);
        Assert.All(r.Iterations, it =>
        {
            Assert.True(it.Outcome == Outcome.Ok, $"{it.Outcome}: {it.Message} {r.StderrTail}");
            Assert.Equal(0, it.ExitCode);
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
            Assert.True(it.CompileNs > 0 && it.InstantiateNs > 0 && it.ExecuteNs > 0, $"phases {it.CompileNs} {it.InstantiateNs} {it.ExecuteNs}");
            // GLib's clock counts microseconds: every span is a whole number of them.
            Assert.Equal(0, it.ExecuteNs!.Value % 1000);
            Assert.Equal(it.RegionNs, Assert.Single(it.RegionsNs!));
            Assert.NotNull(it.CpuNs);
            Assert.True(it.LinearMemoryBytes >= 65536, $"linear memory {it.LinearMemoryBytes}");
            Assert.Equal(64, it.StdoutSha256!.Length);
        });
        Assert.True(r.PeakRssKb > 0);
    }

    [Fact]
    public void A_burst_serves_every_request_with_the_same_output()
    {
        var r = Run("burst", Bed.ProbeWasm, iterations: 2, requests: 3);
        Assert.All(r.Iterations, it =>
        {
            Assert.True(it.Outcome == Outcome.Ok, $"{it.Outcome}: {it.Message} {r.StderrTail}");
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
            Assert.Equal(it.RegionNs, Assert.Single(it.RegionsNs!));
        });
    }

    [Fact]
    public void Traps_stack_overflow_and_exit_codes_are_told_apart()
    {
        var trap = Run("trap", Module("trap", """(module (memory (export "memory") 1) (func (export "_start") unreachable))""")).Iterations.Single();
        Assert.Equal(Outcome.Trap, trap.Outcome);
        Assert.Contains("unreachable", trap.Message ?? "", StringComparison.OrdinalIgnoreCase);

        var deep = Run("recursion", Module("recursion", """(module (memory (export "memory") 1) (func $f (export "_start") (call $f)))""")).Iterations.Single();
        Assert.True(deep.Outcome == Outcome.Trap, $"{deep.Outcome}: {deep.Message}");
        Assert.Contains("recursion", deep.Message ?? "");

        var exit = Run("exit7", Module("exit7", """
            (module
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (call $exit (i32.const 7))))
            """)).Iterations.Single();
        Assert.Equal(Outcome.Ok, exit.Outcome);
        Assert.Equal(7, exit.ExitCode);
    }

    [Fact]
    public void A_missing_import_and_bytes_that_are_no_module_are_unsupported()
    {
        var missing = Run("missing", Module("missing", """(module (import "env" "nope" (func)) (memory (export "memory") 1) (func (export "_start")))""")).Iterations.Single();
        Assert.Equal(Outcome.Unsupported, missing.Outcome);
        Assert.Contains("env.nope", missing.Message);
        var garbage = Run("garbage", Bed.Temp.Write("gjs-modules/garbage.wasm", "this is not wasm")).Iterations.Single();
        Assert.Equal(Outcome.Unsupported, garbage.Outcome);
    }
}
