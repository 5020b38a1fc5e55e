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
    private readonly LineChild _p;
    private IReadOnlyList<int> _tree = [];
    private long _cpuTicks;

    public WasmtimeCSpecProcess(ChildProcessSpec spec)
    {
        spec = Sandbox.Wrap(spec);
        try
        {
            _p = new LineChild(spec with { WorkingDirectory = spec.WorkingDirectory ?? "/" });
        }
        catch (InvalidOperationException e)
        {
            throw new HostLostException(false, e.Message);
        }
    }

    /// <summary>The reply to one request, or <see cref="HostLostException"/> when the host dies or misses the deadline.</summary>
    public string Ask(string request, DateTime deadline)
    {
        if (!_p.Send(request)) throw Died();
        if (!_p.TryReceive(deadline - DateTime.UtcNow, out var line))
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
        var exit = _p.ExitDescription();
        var tail = _p.StderrTail();
        return new HostLostException(false, $"the host process died ({exit})" + (tail.Length > 0 ? ": " + tail : ""));
    }

    private void Kill()
    {
        SampleCpu();
        _p.Kill();
    }

    public void Dispose()
    {
        if (!_p.HasExited) SampleCpu();
        _p.Close(TimeSpan.FromSeconds(2));
        ChildProcess.AddCpuTicks(_cpuTicks);
        _p.Dispose();
    }
}
