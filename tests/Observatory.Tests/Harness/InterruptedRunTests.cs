using System.Diagnostics;
using Observatory.Collectors.Processes;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// A real `observatory run` process, interrupted by a real signal after its first round: it stops
/// sampling, stores what it measured as an interrupted run (never "latest"), removes its scratch,
/// leaves no engine running and exits 128 + the signal number.
/// </summary>
public class InterruptedRunTests
{
    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_after_the_first_round_keeps_the_samples_as_an_interrupted_run(string signal, int exitCode)
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var db = dir.Combine("o.duckdb");
        var wasm = dir.Combine("quick.wasm");
        File.WriteAllBytes(wasm, global::Wasmtime.Module.ConvertText("""(module (memory (export "memory") 1) (func (export "_start")))"""));
        var psi = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // 500 one-iteration processes: minutes of sampling, so the signal lands mid-run whatever the machine's load.
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "observatory.dll"), "run", "--wasm", wasm, "--engines", "wasmtime-*/cranelift",
                                     "--db", db, "--no-overhead", "--min-processes", "500", "--max-processes", "500", "--iterations", "1"])
            psi.ArgumentList.Add(a);
        psi.Environment["OBSERVATORY_ROOT"] = root;
        using var observatory = Process.Start(psi)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var firstRound = new ManualResetEventSlim();
        observatory.OutputDataReceived += (_, e) => { if (e.Data is { } l) { output.Enqueue(l); if (l.Contains("round 1 done", StringComparison.Ordinal)) firstRound.Set(); } };
        observatory.ErrorDataReceived += (_, e) => { if (e.Data is { } l) output.Enqueue(l); };
        observatory.BeginOutputReadLine();
        observatory.BeginErrorReadLine();
        try
        {
            Assert.True(firstRound.Wait(TimeSpan.FromMinutes(3)), "no round finished: " + string.Join("\n", output));
            Assert.Equal(0, ChildProcess.Run(new ChildProcessSpec { FileName = "/bin/kill", Arguments = ["-" + signal, observatory.Id.ToString()] }).ExitCode);
            Assert.True(observatory.WaitForExit(120_000), "the observatory did not exit");
            observatory.WaitForExit();
            var log = string.Join("\n", output);
            Assert.True(observatory.ExitCode == exitCode, $"exit {observatory.ExitCode}\n{log}");
            Assert.Contains($"interrupted by SIG{signal}: kept ", log);

            using (var store = ObservatoryStore.Open(db))
            {
                var run = Assert.Single(store.Query("SELECT run_id, status FROM runs"));
                Assert.Equal("interrupted", run["status"]);
                var samples = (long)store.Query("SELECT count(*) AS n FROM samples WHERE run_id = $r", ("r", run["run_id"]))[0]["n"]!;
                Assert.True(samples >= 1, "no sample kept");
                Assert.True(samples < 500, "the run sampled to its end: the signal was not handled");
                // Never "latest" unless named; by its id it is there.
                Assert.Contains("only interrupted runs", Assert.Throws<StoreException>(() => RunReference.Resolve(store, "latest")).Message);
                Assert.Equal((string)run["run_id"]!, RunReference.Resolve(store, (string)run["run_id"]!).RunId);
            }
            var scratch = Path.Combine(root, "results", "scratch");
            Assert.True(!Directory.Exists(scratch) || !Directory.EnumerateFileSystemEntries(scratch).Any(), "scratch left behind");
            Assert.DoesNotContain(OrphanTests.Named(dir.Path), p => p.Pid != observatory.Id);
        }
        finally
        {
            if (!observatory.HasExited) observatory.Kill(entireProcessTree: true);
            foreach (var p in OrphanTests.Named(dir.Path))
                try { Process.GetProcessById(p.Pid).Kill(entireProcessTree: true); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }
}
