using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Engines.WasmtimeC;

/// <summary>The host process died, or did not answer before the file's deadline (it is then killed).</summary>
public sealed class HostLostException(bool timedOut, string message) : Exception(message)
{
    public bool TimedOut { get; } = timedOut;
}

/// <summary>
/// One running C host in its spec mode (<c>host --spec</c>, in the OS sandbox, under qemu-user when foreign):
/// a request line in, a reply line out. It lives for many spec files (a reset between them), so qemu's
/// start-up is paid once per process, not per file.
/// </summary>
public sealed class WasmtimeCSpecProcess : IDisposable
{
    private readonly Process _p;
    private readonly BlockingCollection<string?> _lines = new();
    private readonly StringBuilder _stderr = new();
    private IReadOnlyList<int> _tree = [];
    private long _cpuTicks;

    public WasmtimeCSpecProcess(ChildProcessSpec spec)
    {
        spec = Sandbox.Wrap(spec);
        var psi = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false), StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = spec.WorkingDirectory ?? "/",
        };
        foreach (var a in spec.Arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in spec.Environment) psi.Environment[k] = v;
        try
        {
            _p = Process.Start(psi) ?? throw new HostLostException(false, $"cannot start {spec.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HostLostException(false, $"cannot start {spec.FileName}: {e.Message}");
        }
        new Thread(() =>
        {
            try
            {
                string? line;
                while ((line = _p.StandardOutput.ReadLine()) is not null) _lines.Add(line);
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            _lines.Add(null);
        }) { IsBackground = true, Name = "wasmtime-c spec stdout" }.Start();
        new Thread(() =>
        {
            try
            {
                string? line;
                while ((line = _p.StandardError.ReadLine()) is not null)
                    lock (_stderr) { _stderr.AppendLine(line); if (_stderr.Length > 8000) _stderr.Remove(0, _stderr.Length - 4000); }
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
        }) { IsBackground = true, Name = "wasmtime-c spec stderr" }.Start();
    }

    /// <summary>The reply to one request, or <see cref="HostLostException"/> when the host dies or misses the deadline.</summary>
    public string Ask(string request, DateTime deadline)
    {
        try
        {
            _p.StandardInput.Write(request);
            _p.StandardInput.Write('\n');
            _p.StandardInput.Flush();
        }
        catch (IOException) { throw Died(); }
        var left = deadline - DateTime.UtcNow;
        if (left > TimeSpan.FromDays(1)) left = TimeSpan.FromDays(1); // TryTake takes at most int.MaxValue ms
        if (left <= TimeSpan.Zero || !_lines.TryTake(out var line, left))
        {
            Kill();
            throw new HostLostException(true, "no answer before the file's deadline; the host was killed");
        }
        return line ?? throw Died();
    }

    /// <summary>
    /// Samples the CPU time of the host and its sandbox (bwrap's children) from /proc, as <see cref="ChildProcess"/> does
    /// for the processes it runs: after each file and before the end, when the total joins <see cref="ChildProcess.CpuTimeOfChildren"/>.
    /// </summary>
    public void SampleCpu()
    {
        if (_tree.Count == 0) _tree = ProcessTree.Descendants(_p.Id);
        var ticks = ProcStat.CpuTicks(_p.Id) ?? 0;
        foreach (var pid in _tree) ticks += ProcStat.CpuTicks(pid) ?? 0;
        _cpuTicks = Math.Max(_cpuTicks, ticks);
    }

    /// <summary>Resident memory of the host and its sandbox now (VmRSS from /proc), in KiB.</summary>
    public long ResidentKb()
    {
        if (_tree.Count == 0) _tree = ProcessTree.Descendants(_p.Id);
        return _tree.Prepend(_p.Id).Sum(pid => VmRssKb(pid));
    }

    private static long VmRssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
        catch (FormatException) { return 0; }
    }

    private HostLostException Died()
    {
        var exit = _p.WaitForExit(2000) ? _p.ExitCode is > 128 and < 160 ? $"killed by signal {_p.ExitCode - 128}" : $"exit code {_p.ExitCode}" : "still running";
        Thread.Sleep(50); // let the stderr reader catch the last words of a dying process
        string tail;
        lock (_stderr) tail = _stderr.ToString().Trim();
        if (tail.Length > 600) tail = tail[^600..];
        return new HostLostException(false, $"the host process died ({exit})" + (tail.Length > 0 ? ": " + tail : ""));
    }

    private void Kill()
    {
        SampleCpu();
        try { _p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _p.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_p.HasExited)
            {
                SampleCpu();
                try { _p.StandardInput.Close(); } catch (IOException) { }
                if (!_p.WaitForExit(2000)) Kill();
            }
        }
        catch (InvalidOperationException) { }
        ChildProcess.AddCpuTicks(_cpuTicks);
        _p.Dispose();
    }
}
