using System.Diagnostics;
using Observatory.Collectors.Processes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// No engine outlives the observatory: `observatory run --wasm` on a guest that loops forever,
/// the observatory killed by a real signal, then /proc scanned for any process whose command
/// line names this test's unique temp directory. Inside bubblewrap (--die-with-parent) and
/// outside it (--no-sandbox: setpriv's parent-death signal). Whatever is left is killed at the end.
/// </summary>
public class OrphanTests
{
    [Theory]
    [InlineData("KILL", false)]
    [InlineData("TERM", false)]
    [InlineData("KILL", true)]
    [InlineData("TERM", true)]
    public void Engines_die_with_a_killed_observatory(string signal, bool noSandbox)
    {
        var started = DateTime.UtcNow.AddSeconds(-1);
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var wasm = Path.Combine(dir.Path, "loop.wasm");
        File.WriteAllBytes(wasm, global::Wasmtime.Module.ConvertText("""
            (module (memory (export "memory") 1) (func (export "_start") (loop (br 0))))
            """));
        var psi = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "observatory.dll"), "run", "--wasm", wasm, "--engines", "wasmtime-*/cranelift",
                                     "--db", dir.Combine("o.duckdb"), "--no-overhead", "--min-processes", "1", "--max-processes", "1", "--iterations", "1"])
            psi.ArgumentList.Add(a);
        if (noSandbox) psi.ArgumentList.Add("--no-sandbox");
        psi.Environment["OBSERVATORY_ROOT"] = root;
        using var observatory = Process.Start(psi)!;
        observatory.OutputDataReceived += (_, _) => { };
        observatory.ErrorDataReceived += (_, _) => { };
        observatory.BeginOutputReadLine();
        observatory.BeginErrorReadLine();
        var leftovers = new List<int>();
        try
        {
            var worker = WaitFor(() => Named(dir.Path).FirstOrDefault(p => p.Pid != observatory.Id && p.CommandLine.Contains(" worker --request ", StringComparison.Ordinal) && !p.CommandLine.Contains("bwrap", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(90));
            Assert.True(worker is not null, "the engine worker never started");
            Assert.Contains("DOTNET_EnableDiagnostics=0", Environment(worker!.Pid));

            if (signal == "KILL") observatory.Kill();
            else Assert.Equal(0, ChildProcess.Run(new ChildProcessSpec { FileName = "/bin/kill", Arguments = ["-TERM", observatory.Id.ToString()] }).ExitCode);
            Assert.True(observatory.WaitForExit(30_000), "the observatory did not exit");

            var gone = WaitFor(() => Named(dir.Path).Count == 0 ? "gone" : null, TimeSpan.FromSeconds(20));
            leftovers.AddRange(Named(dir.Path).Select(p => p.Pid));
            Assert.True(gone is not null, "left running: " + string.Join("; ", Named(dir.Path).Select(p => $"{p.Pid} {p.CommandLine}")));
            // Outside the sandbox the worker shares the host's /tmp: diagnostics off means it left no IPC files there.
            // Only files made since this test started: an earlier process with the same pid may have left its own.
            Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetTempPath(), $"clr-debug-pipe-{worker.Pid}-*"), f => File.GetLastWriteTimeUtc(f) >= started);
            Assert.DoesNotContain(Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{worker.Pid}-*"), f => File.GetLastWriteTimeUtc(f) >= started);
        }
        finally
        {
            if (!observatory.HasExited) observatory.Kill(entireProcessTree: true);
            foreach (var p in leftovers.Concat(Named(dir.Path).Select(p => p.Pid)))
                try { Process.GetProcessById(p).Kill(entireProcessTree: true); } catch (ArgumentException) { } catch (InvalidOperationException) { }
        }
    }

    internal sealed record ProcessLine(int Pid, string CommandLine);

    /// <summary>Live processes whose command line contains <paramref name="text"/> (zombies have an empty one).</summary>
    internal static List<ProcessLine> Named(string text)
    {
        var list = new List<ProcessLine>();
        foreach (var d in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(d), out var pid) || pid == System.Environment.ProcessId) continue;
            try
            {
                var cmd = File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ');
                if (cmd.Contains(text, StringComparison.Ordinal)) list.Add(new ProcessLine(pid, cmd));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return list;
    }

    private static string Environment(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/environ").Replace('\0', '\n'); }
        catch (IOException) { return ""; }
    }

    private static T? WaitFor<T>(Func<T?> probe, TimeSpan limit) where T : class
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < limit)
        {
            if (probe() is { } v) return v;
            Thread.Sleep(100);
        }
        return probe();
    }
}
