using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Observatory.Collectors.Processes;

/// <summary>
/// A long-lived child process spoken to in lines: requests on standard input, replies read from
/// standard output into a queue (null once it closes), the last few KiB of standard error kept for the
/// message when it dies. The spec workers (the .NET conformance worker, the Wasmtime C host) serve many
/// files each, so their start-up is paid once; this is their one copy of the plumbing. The spec must
/// already be wrapped in the sandbox.
/// </summary>
public sealed class LineChild : IDisposable
{
    private readonly Process _p;
    private readonly BlockingCollection<string?> _lines = new();
    private readonly StringBuilder _stderr = new();

    /// <exception cref="InvalidOperationException">The process could not be started (the message names the file).</exception>
    public LineChild(ChildProcessSpec spec, IEnumerable<KeyValuePair<string, string>>? extraEnvironment = null)
    {
        var psi = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false), StandardInputEncoding = new UTF8Encoding(false),
        };
        if (spec.WorkingDirectory is not null) psi.WorkingDirectory = spec.WorkingDirectory;
        foreach (var a in spec.Arguments) psi.ArgumentList.Add(a);
        foreach (var (k, v) in spec.Environment) psi.Environment[k] = v;
        foreach (var (k, v) in extraEnvironment ?? []) psi.Environment[k] = v;
        try
        {
            _p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {spec.FileName}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {spec.FileName}: {e.Message}");
        }
        Pump(_p.StandardOutput, _lines.Add, "stdout", atEnd: () => _lines.Add(null));
        Pump(_p.StandardError, line =>
        {
            lock (_stderr) { _stderr.AppendLine(line); if (_stderr.Length > 8000) _stderr.Remove(0, _stderr.Length - 4000); }
        }, "stderr", atEnd: null);
    }

    private static void Pump(StreamReader from, Action<string> each, string name, Action? atEnd) =>
        new Thread(() =>
        {
            try
            {
                string? line;
                while ((line = from.ReadLine()) is not null) each(line);
            }
            catch (IOException) { }
            catch (ObjectDisposedException) { }
            atEnd?.Invoke();
        }) { IsBackground = true, Name = "line child " + name }.Start();

    public int Id => _p.Id;

    public bool HasExited => _p.HasExited;

    /// <summary>Sends one line; false when the process no longer reads (it died).</summary>
    public bool Send(string line)
    {
        try
        {
            _p.StandardInput.Write(line);
            _p.StandardInput.Write('\n');
            _p.StandardInput.Flush();
            return true;
        }
        catch (IOException) { return false; }
    }

    /// <summary>The next line within <paramref name="wait"/>: false on timeout; true with null when standard output closed.</summary>
    public bool TryReceive(TimeSpan wait, out string? line)
    {
        if (wait > TimeSpan.FromDays(1)) wait = TimeSpan.FromDays(1); // TryTake takes at most int.MaxValue ms
        if (wait <= TimeSpan.Zero) { line = null; return false; }
        return _lines.TryTake(out line, wait);
    }

    /// <summary>The last 600 characters of standard error (after a moment for a dying process's last words).</summary>
    public string StderrTail()
    {
        Thread.Sleep(50);
        lock (_stderr)
        {
            var s = _stderr.ToString().Trim();
            return s.Length > 600 ? s[^600..] : s;
        }
    }

    /// <summary>"exit code N", "killed by SIGSEGV" (or another signal), or "still running" after two seconds.</summary>
    public string ExitDescription()
    {
        if (!_p.WaitForExit(2000)) return "still running";
        var code = _p.ExitCode;
        return code is > 128 and < 160 ? $"killed by {ChildProcessResult.SignalName(code - 128)}" : $"exit code {code}";
    }

    public void Kill()
    {
        try { _p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _p.WaitForExit();
    }

    /// <summary>Closes standard input and waits <paramref name="grace"/> for the process to leave; kills it after.</summary>
    public void Close(TimeSpan grace)
    {
        try
        {
            if (_p.HasExited) return;
            try { _p.StandardInput.Close(); } catch (IOException) { }
            if (!_p.WaitForExit(grace)) Kill();
        }
        catch (InvalidOperationException) { }
    }

    public void Dispose()
    {
        Close(TimeSpan.FromMilliseconds(200));
        _p.Dispose();
    }
}
