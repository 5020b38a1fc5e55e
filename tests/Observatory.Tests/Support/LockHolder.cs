using System.Diagnostics;

namespace Observatory.Tests.Support;

/// <summary>
/// Another real process holding the POSIX record lock (fcntl F_SETLK) that DuckDB itself takes on a
/// database file: what DuckDB sees when a second observatory has the file open. Python's lockf is
/// that same kernel lock; the holder exits when the test disposes it.
/// </summary>
public sealed class LockHolder : IDisposable
{
    private readonly Process _process;

    public int Pid => _process.Id;

    public LockHolder(string file)
    {
        var psi = new ProcessStartInfo("python3")
        {
            ArgumentList = { "-c", "import fcntl,sys\nf=open(sys.argv[1],'r+b')\nfcntl.lockf(f,fcntl.LOCK_EX)\nprint('held',flush=True)\nsys.stdin.read()", file },
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        _process = Process.Start(psi)!;
        var line = _process.StandardOutput.ReadLine();
        Assert.True(line == "held", $"the lock holder did not take the lock on {file} (said '{line}')");
    }

    public void Dispose()
    {
        // Closing its stdin ends it; its lock dies with it.
        try { _process.StandardInput.Close(); } catch (IOException) { }
        if (!_process.WaitForExit(10_000)) _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
