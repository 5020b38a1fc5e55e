using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Browser;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Observatory.Tests.Support;

namespace Observatory.Tests.Collectors;

/// <summary>
/// Chromium and Firefox ESR as engines, headless, on real modules: the WASI probe (clang-22)
/// with its stdout checked against native's, bench regions, bursts, traps, what the guest writes
/// in its preopen; and bad input: a page that never reports, a browser that does not start or
/// hangs, each an outcome with its message, and no process of the session left behind.
/// </summary>
public sealed class BrowserEngineTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    public static TheoryData<string> Browsers => ["chromium", "firefox"];

    private static BrowserEngine Engine(string family)
    {
        var e = Bed.Engines.SingleOrDefault(e => e.Descriptor.Family == family)
            ?? throw new InvalidOperationException($"no {family} engine discovered");
        Assert.True(e is BrowserEngine, $"{e.Descriptor.Id} is not ready: {e.Descriptor.Reason}");
        return (BrowserEngine)e;
    }

    private static string Wat(string name, string text)
    {
        var path = Bed.Temp.Combine($"{name}.wasm");
        lock (Bed) if (!File.Exists(path)) File.WriteAllBytes(path, global::Wasmtime.Module.ConvertText(text));
        return path;
    }

    /// <summary>
    /// Live processes whose command line mentions <paramref name="text"/> (this test process aside),
    /// once the killed ones have had up to 10 s to finish dying (SIGKILL is not instant for a big process).
    /// </summary>
    internal static List<string> ProcessesMentioning(string text)
    {
        var found = Mentioning(text);
        for (var i = 0; i < 100 && found.Count > 0; i++)
        {
            Thread.Sleep(100);
            found = Mentioning(text);
        }
        return found;
    }

    private static List<string> Mentioning(string text)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(text, StringComparison.Ordinal)) found.Add($"{pid}: {cmdline}");
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    [Theory]
    [MemberData(nameof(Browsers))]
    public void The_probe_runs_twice_with_stdout_equal_to_native_and_regions_from_the_page(string family)
    {
        var engine = Engine(family);
        Assert.Matches($@"^{family}-\d+\.[0-9a-z.]+/default$", engine.Descriptor.Id);
        Assert.Contains(engine.Descriptor.Flags, f => f.StartsWith("timer-resolution=", StringComparison.Ordinal) && f != "timer-resolution=unknown");
        var scratch = Bed.Temp.Combine("browser", family, "probe");
        var r = Bed.Run(engine, Bed.ProbeWasm, scratch, iterations: 2);
        Assert.Equal(2, r.Iterations.Count);
        foreach (var it in r.Iterations)
        {
            Assert.True(it.Outcome == Outcome.Ok, $"{family}: {it.Outcome}: {it.Message} {r.StderrTail}");
            Assert.Equal(0, it.ExitCode);
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
            Assert.Equal(Observatory.Collectors.Processes.Sha256File.Of(it.StdoutPath!), it.StdoutSha256);
            Assert.Equal("this goes to stderr\n", File.ReadAllText(Path.Combine(scratch, $"stderr-{it.Iteration}.txt")));
            Assert.NotNull(it.CompileNs);
            Assert.NotNull(it.InstantiateNs);
            var span = Assert.Single(it.RegionsNs!);
            Assert.True(span > 0 && span == it.RegionNs && span <= it.ExecuteNs, $"region {span} of execute {it.ExecuteNs}");
            Assert.True(it.LinearMemoryBytes > 0);
        }
        Assert.Empty(ProcessesMentioning(BrowserSession.ProfileOf(scratch)));
    }

    [Theory]
    [MemberData(nameof(Browsers))]
    public void What_the_guest_leaves_in_its_preopen_is_written_back_to_the_host(string family)
    {
        // Writes out.txt with 'hello' in the preopen (fd 3) through path_open + fd_write, then exits.
        var wasm = Wat("preopen-writer", """
            (module
              (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "out.txt")
              (data (i32.const 16) "hello")
              (func (export "_start")
                (drop (call $open (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 7) (i32.const 9) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 32)))
                (i32.store (i32.const 40) (i32.const 16))
                (i32.store (i32.const 44) (i32.const 5))
                (drop (call $write (i32.load (i32.const 32)) (i32.const 40) (i32.const 1) (i32.const 48)))))
            """);
        var scratch = Bed.Temp.Combine("browser", family, "preopen");
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "before.txt"), "kept");
        var r = Bed.Run(Engine(family), wasm, scratch, args: []);
        var it = Assert.Single(r.Iterations);
        Assert.True(it.Outcome == Outcome.Ok, $"{family}: {it.Outcome}: {it.Message} {r.StderrTail}");
        Assert.Equal("hello", File.ReadAllText(Path.Combine(data, "out.txt")));
        Assert.Equal("kept", File.ReadAllText(Path.Combine(data, "before.txt")));
    }

    [Theory]
    [MemberData(nameof(Browsers))]
    public void A_burst_runs_every_request_and_a_trap_is_a_trap(string family)
    {
        var engine = Engine(family);
        var burst = engine.Run(new EngineInvocation
        {
            ArtifactPath = Bed.ProbeWasm, Args = Bed.ProbeArgs, Environment = Bed.ProbeEnv, StdinPath = Bed.StdinFile,
            Preopens = [new DirectoryMapping(Directory.CreateDirectory(Bed.Temp.Combine("browser", family, "burst", "data")).FullName, ".")],
            ScratchDirectory = Bed.Temp.Combine("browser", family, "burst"), Requests = 3,
        });
        var b = Assert.Single(burst.Iterations);
        Assert.True(b.Outcome == Outcome.Ok, $"{family}: {b.Outcome}: {b.Message} {burst.StderrTail}");
        Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(b.StdoutPath!));
        Assert.Equal(b.ExecuteNs, b.RegionNs);

        var trap = Wat("trap", """(module (func (export "run") unreachable))""");
        var t = Assert.Single(Bed.Run(engine, trap, Bed.Temp.Combine("browser", family, "trap"), args: []).Iterations);
        Assert.Equal(Outcome.Trap, t.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(t.Message));
    }

    [Theory]
    [MemberData(nameof(Browsers))]
    public void A_page_that_never_reports_times_out_and_leaves_no_process_behind(string family)
    {
        var spin = Wat("spin", """(module (func (export "run") (loop (br 0))))""");
        var scratch = Bed.Temp.Combine("browser", family, "spin");
        var r = Bed.Run(Engine(family), spin, scratch, args: [], timeout: TimeSpan.FromSeconds(25));
        var it = Assert.Single(r.Iterations);
        Assert.Equal(Outcome.Timeout, it.Outcome);
        Assert.Contains("timed out after 25 s", it.Message);
        // Every process of the session (server, browser, its renderers) named the scratch: none is left.
        Assert.Empty(ProcessesMentioning(BrowserSession.ProfileOf(scratch)));
        Assert.Empty(ProcessesMentioning(scratch));
    }

    [Fact]
    public void A_browser_that_does_not_start_is_a_crash_with_its_reason()
    {
        var broken = new BrowserEngine(Bed.Env, new HeadlessBrowser("chromium", "/usr/bin/false", "none", []), "0", null);
        var scratch = Bed.Temp.Combine("browser", "false");
        var it = Assert.Single(Bed.Run(broken, Bed.ProbeWasm, scratch).Iterations);
        Assert.Equal(Outcome.Crash, it.Outcome);
        Assert.Contains("false exited (code 1) before the page reported", it.Message);
    }

    [Fact]
    public void A_browser_that_hangs_is_killed_with_every_child_it_started()
    {
        // A stand-in browser that starts two children of its own and never opens the page.
        var dir = Bed.Temp.Combine("browser", "hanging-browser");
        Directory.CreateDirectory(dir);
        var script = Path.Combine(dir, "fake-browser.sh");
        File.WriteAllText(script, "#!/bin/sh\nsleep 987654.321 &\nsleep 987654.322 &\nwait\n");
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var hanging = new BrowserEngine(Bed.Env, new HeadlessBrowser("firefox", script, "none", [dir]), "0", null);
        var scratch = Bed.Temp.Combine("browser", "hang");
        var it = Assert.Single(Bed.Run(hanging, Bed.ProbeWasm, scratch, timeout: TimeSpan.FromSeconds(8)).Iterations);
        Assert.Equal(Outcome.Timeout, it.Outcome);
        Assert.Empty(ProcessesMentioning("987654.32"));
        Assert.Empty(ProcessesMentioning(script));
    }

    [Fact]
    public void Both_browsers_are_listed_ready_with_the_timer_resolution_their_page_measured()
    {
        foreach (var family in new[] { "chromium", "firefox" })
        {
            var d = Engine(family).Descriptor;
            Assert.Equal(EngineStatus.Ready, d.Status);
            Assert.Contains("coop+coep", d.Flags);
        }
    }
}
