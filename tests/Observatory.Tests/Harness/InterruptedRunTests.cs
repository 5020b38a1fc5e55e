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
        using var run = InterruptibleRun.Start(dir);
        try
        {
            run.Signal(signal);
            var log = run.Finish();
            Assert.True(run.Process.ExitCode == exitCode, $"exit {run.Process.ExitCode}\n{log}");
            Assert.Contains($"interrupted by SIG{signal}: kept ", log);

            using (var store = ObservatoryStore.Open(run.Database))
            {
                var stored = Assert.Single(store.Query("SELECT run_id, status FROM runs"));
                Assert.Equal("interrupted", stored["status"]);
                var samples = (long)store.Query("SELECT count(*) AS n FROM samples WHERE run_id = $r", ("r", stored["run_id"]))[0]["n"]!;
                Assert.True(samples >= 1, "no sample kept");
                Assert.True(samples < 500, "the run sampled to its end: the signal was not handled");
                // Never "latest" unless named; by its id it is there.
                Assert.Contains("only interrupted runs", Assert.Throws<StoreException>(() => RunReference.Resolve(store, "latest")).Message);
                Assert.Equal((string)stored["run_id"]!, RunReference.Resolve(store, (string)stored["run_id"]!).RunId);
            }
            run.AssertNothingLeft();
        }
        finally
        {
            run.KillAll();
        }
    }

    [Fact]
    public void A_second_signal_abandons_at_once()
    {
        using var dir = new TempDirectory();
        using var run = InterruptibleRun.Start(dir);
        try
        {
            run.Signal("INT");
            Thread.Sleep(50);
            if (!run.Process.HasExited) run.Signal("INT");
            var log = run.Finish();
            Assert.True(run.Process.ExitCode == 130, $"exit {run.Process.ExitCode}\n{log}");
            using (var store = ObservatoryStore.Open(run.Database))
            {
                var runs = store.Scalar<long>("SELECT count(*) FROM runs");
                // Usually the second signal lands before storing ends: nothing stored. If storing was faster, the run is whole.
                if (log.Contains("abandoned", StringComparison.Ordinal)) Assert.Equal(0L, runs);
                else Assert.Equal("interrupted", store.Scalar<string>("SELECT status FROM runs"));
            }
            run.AssertNothingLeft();
        }
        finally
        {
            run.KillAll();
        }
    }

    /// <summary>`observatory run` of a trivial module for 500 one-iteration processes (minutes), started and watched until its first round ends.</summary>
    private sealed class InterruptibleRun : IDisposable
    {
        private readonly TempDirectory dir;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

        private InterruptibleRun(TempDirectory dir, Process process, string root)
        {
            this.dir = dir;
            Process = process;
            Root = root;
        }

        public Process Process { get; }
        public string Root { get; }
        public string Database => dir.Combine("o.duckdb");

        public static InterruptibleRun Start(TempDirectory dir)
        {
            var root = MeasurementFixture.NewRepository(dir);
            var wasm = dir.Combine("quick.wasm");
            File.WriteAllBytes(wasm, global::Wasmtime.Module.ConvertText("""(module (memory (export "memory") 1) (func (export "_start")))"""));
            var psi = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "observatory.dll"), "run", "--wasm", wasm, "--engines", "wasmtime-*/cranelift",
                                         "--db", dir.Combine("o.duckdb"), "--no-overhead", "--min-processes", "500", "--max-processes", "500", "--iterations", "1"])
                psi.ArgumentList.Add(a);
            psi.Environment["OBSERVATORY_ROOT"] = root;
            var run = new InterruptibleRun(dir, Process.Start(psi)!, root);
            var firstRound = new ManualResetEventSlim();
            run.Process.OutputDataReceived += (_, e) => { if (e.Data is { } l) { run.output.Enqueue(l); if (l.Contains("round 1 done", StringComparison.Ordinal)) firstRound.Set(); } };
            run.Process.ErrorDataReceived += (_, e) => { if (e.Data is { } l) run.output.Enqueue(l); };
            run.Process.BeginOutputReadLine();
            run.Process.BeginErrorReadLine();
            if (!firstRound.Wait(TimeSpan.FromMinutes(3)))
            {
                run.KillAll();
                Assert.Fail("no round finished: " + string.Join("\n", run.output));
            }
            return run;
        }

        public void Signal(string signal) =>
            Assert.Equal(0, ChildProcess.Run(new ChildProcessSpec { FileName = "/bin/kill", Arguments = ["-" + signal, Process.Id.ToString()] }).ExitCode);

        /// <summary>Waits for the exit; returns everything it printed.</summary>
        public string Finish()
        {
            Assert.True(Process.WaitForExit(120_000), "the observatory did not exit");
            Process.WaitForExit();
            return string.Join("\n", output);
        }

        /// <summary>No scratch left under results/, no process of this test's directory running.</summary>
        public void AssertNothingLeft()
        {
            var scratch = Path.Combine(Root, "results", "scratch");
            Assert.True(!Directory.Exists(scratch) || !Directory.EnumerateFileSystemEntries(scratch).Any(), "scratch left behind");
            Assert.DoesNotContain(OrphanTests.Named(dir.Path), p => p.Pid != Process.Id);
        }

        public void KillAll()
        {
            if (!Process.HasExited) Process.Kill(entireProcessTree: true);
            foreach (var p in OrphanTests.Named(dir.Path))
                try { Process.GetProcessById(p.Pid).Kill(entireProcessTree: true); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }

        public void Dispose() => Process.Dispose();
    }
}
