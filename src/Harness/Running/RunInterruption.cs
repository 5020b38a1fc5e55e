using System.Runtime.InteropServices;

namespace Observatory.Harness.Running;

/// <summary>
/// SIGINT/SIGTERM during `observatory run`. The first signal cancels <see cref="Token"/>: sampling stops
/// at once (the running engine process is killed) and the run keeps what it measured, to be stored as
/// interrupted. A second signal abandons storing: one line, scratch removed, exit at once. Disposing
/// restores the runtime's default handling.
/// </summary>
public sealed class RunInterruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private readonly TextWriter _error;
    private readonly Action _abandon;
    private int _signals;

    /// <param name="error">Where the lines about signals go (stderr: they must be seen even with --json).</param>
    /// <param name="abandon">Cleanup before exiting on a second signal (removing the run's scratch).</param>
    public RunInterruption(TextWriter error, Action abandon)
    {
        _error = error;
        _abandon = abandon;
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
        _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
    }

    public CancellationToken Token => _cancel.Token;

    public bool Interrupted => Signal is not null;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Signal == PosixSignal.SIGTERM ? 143 : 130;

    public string SignalName => Signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    /// <summary>Set once measuring is over: a second signal from then on abandons storing.</summary>
    public bool Storing { get; set; }

    private void OnSignal(PosixSignalContext context)
    {
        // The default would end the process before anything measured is stored.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Signal = context.Signal;
            _error.WriteLine($"observatory run: {SignalName} received: stopping; samples measured so far are kept and stored as an interrupted run (send it again to abandon them)");
            _error.Flush();
            _cancel.Cancel();
            return;
        }
        _error.WriteLine(Storing
            ? $"observatory run: second signal while storing: abandoned; the interrupted run is not stored"
            : $"observatory run: second signal: abandoned; nothing stored");
        _error.Flush();
        try { _abandon(); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        Environment.Exit(ExitCode);
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
