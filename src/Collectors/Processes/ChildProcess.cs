using System.Diagnostics;
using System.Text;

namespace Observatory.Collectors.Processes;

/// <summary>
/// Runs one child process with a timeout, feeding stdin from a file, sending
/// stdout to a file or memory, and sampling peak RSS (VmHWM) from /proc while it
/// runs. A timeout kills the whole process tree. Never throws for a failing child.
/// </summary>
public static class ChildProcess
{
    private static long s_cpuTicks;

    /// <summary>
    /// CPU time (user + system) of every child run here so far, descendants included, sampled from /proc while
    /// each runs (<see cref="ProcStat"/>): a child's last poll interval (10 ms) and children shorter than one poll
    /// are missed. A part of a command that runs alone costs the difference of two readings: unlike wall time,
    /// it compares across machine load.
    /// </summary>
    public static TimeSpan CpuTimeOfChildren => TimeSpan.FromSeconds(Interlocked.Read(ref s_cpuTicks) / ProcStat.TicksPerSecond);

    /// <summary>Adds the CPU ticks of a child started elsewhere (an engine process that serves requests over its pipes).</summary>
    internal static void AddCpuTicks(long ticks)
    {
        Interlocked.Add(ref s_cpuTicks, ticks);
        CpuTally.Count(ticks);
    }

    public static ChildProcessResult Run(ChildProcessSpec spec, CancellationToken ct = default)
    {
        var sandboxed = spec.Sandbox is not null;
        spec = Sandbox.Wrap(spec);
        var psi = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = spec.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in spec.Arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in spec.Environment) psi.Environment[k] = v;

        var stderr = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var p = new Process { StartInfo = psi };
        try
        {
            p.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new ChildProcessResult { ExitCode = 127, TimedOut = false, WallNs = 0, Stderr = $"cannot start {spec.FileName}: {e.Message}" };
        }

        // TimeSpan ticks of the stopwatch when stdout last said something (read only with an idle timeout).
        long lastOutput = 0;
        var stdoutTask = spec.StdoutPath is not null ? CopyToFileAsync(p.StandardOutput.BaseStream, spec.StdoutPath, ct)
            : spec.IdleTimeout is null ? p.StandardOutput.ReadToEndAsync(ct)
            : ReadWatchingAsync(p.StandardOutput, () => Interlocked.Exchange(ref lastOutput, sw.Elapsed.Ticks), ct);
        var stderrTask = p.StandardError.ReadToEndAsync(ct);
        var stdinTask = Task.Run(async () =>
        {
            try
            {
                if (spec.StdinPath is not null)
                {
                    await using var f = File.OpenRead(spec.StdinPath);
                    await f.CopyToAsync(p.StandardInput.BaseStream, ct);
                }
                p.StandardInput.Close();
            }
            catch (IOException) { /* the child closed stdin early: not our failure */ }
        }, ct);

        long? peak = null;
        var timedOut = false;
        var deadline = sw.Elapsed + spec.Timeout;
        // A sandboxed engine runs under bwrap (or setpriv): its RSS is its descendants'. Looked up
        // again until found, then every half second (a driver may start a child of its own).
        IReadOnlyList<int> engine = [];
        var polls = 0;
        long cpu = 0;
        while (!p.WaitForExit(10))
        {
            peak = Max(peak, ReadPeakRssKb(p.Id));
            if (sandboxed && (engine.Count == 0 || polls++ % 50 == 0)) engine = ProcessTree.Descendants(p.Id);
            var ticks = ProcStat.CpuTicks(p.Id) ?? 0;
            foreach (var pid in engine)
            {
                peak = Max(peak, ReadPeakRssKb(pid));
                ticks += ProcStat.CpuTicks(pid) ?? 0;
            }
            cpu = Math.Max(cpu, ticks);
            var silent = spec.IdleTimeout is { } idle && sw.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref lastOutput)) > idle;
            if (sw.Elapsed > deadline || silent || ct.IsCancellationRequested)
            {
                timedOut = !ct.IsCancellationRequested;
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.WaitForExit();
                break;
            }
        }
        p.WaitForExit();
        var wall = sw.Elapsed;
        AddCpuTicks(cpu);
        try { stdinTask.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        string stdout = "";
        try
        {
            stdout = stdoutTask.Wait(TimeSpan.FromSeconds(10)) ? stdoutTask.Result : "";
            stderr.Append(stderrTask.Wait(TimeSpan.FromSeconds(10)) ? stderrTask.Result : "");
        }
        catch (AggregateException) { }

        return new ChildProcessResult
        {
            ExitCode = timedOut ? -1 : p.ExitCode,
            TimedOut = timedOut,
            WallNs = (long)(wall.TotalMilliseconds * 1_000_000),
            PeakRssKb = peak,
            CpuNs = (long)(cpu / ProcStat.TicksPerSecond * 1e9),
            Stdout = stdout,
            Stderr = stderr.ToString(),
        };
    }

    private static async Task<string> CopyToFileAsync(Stream s, string path, CancellationToken ct)
    {
        await using var f = File.Create(path);
        await s.CopyToAsync(f, ct);
        return "";
    }

    /// <summary>Reads stdout to its end like ReadToEndAsync, calling <paramref name="onData"/> whenever something arrives.</summary>
    private static async Task<string> ReadWatchingAsync(StreamReader reader, Action onData, CancellationToken ct)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0)
        {
            text.Append(buffer, 0, n);
            onData();
        }
        return text.ToString();
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>VmHWM of a live process (the kernel's own high-water mark, so a late read still sees earlier peaks).</summary>
    public static long? ReadPeakRssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim());
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        catch (FormatException) { }
        return null;
    }
}
