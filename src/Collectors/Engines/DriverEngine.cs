using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines;

/// <summary>
/// Base of every engine that runs in a child process speaking <see cref="DriverProtocol"/>:
/// it starts the process, parses the @obs lines, and turns a process that died,
/// hung or said nothing into the right outcome for the iterations it never reported.
/// </summary>
public abstract class DriverEngine : ICountableEngine
{
    public abstract EngineDescriptor Descriptor { get; }

    /// <summary>The command line (program, arguments, environment) that runs the invocation.</summary>
    protected abstract ChildProcessSpec CreateSpec(EngineInvocation invocation);

    /// <summary>
    /// How many times the profile's process timeout this engine gets. Interpreter tiers
    /// (Pulley, JSC's IPInt) run compute kernels 10-50x slower than JITs; they say so with a
    /// scale above 1 (shown in their descriptor flags as timeout-scale=N) rather than time out.
    /// </summary>
    protected virtual double TimeoutScale => 1.0;

    /// <summary>Null unless the engine names the native function that runs the module (see <see cref="InstructionCounting"/>).</summary>
    public virtual InstructionCounting? Counting => null;

    public virtual string CountingUnsupported =>
        $"{Descriptor.Family} engines name no native function that runs the module, so callgrind cannot count their instructions";

    public virtual CountedProcess ProcessFor(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(inv.ScratchDirectory);
        return new CountedProcess(CreateSpec(inv with { Timeout = inv.Timeout * TimeoutScale }));
    }

    /// <summary>What a timeout message adds for this engine (an emulated one says its timeout was scaled for emulation).</summary>
    protected virtual string? TimeoutNote => null;

    public ProcessResult Run(EngineInvocation invocation, CancellationToken cancellationToken = default)
    {
        invocation = invocation with { Timeout = invocation.Timeout * TimeoutScale };
        Directory.CreateDirectory(invocation.ScratchDirectory);
        var spec = CreateSpec(invocation) with { Timeout = invocation.Timeout };
        var r = ChildProcess.Run(spec, cancellationToken);
        var parsed = DriverProtocol.Parse(ProtocolOutput(invocation, r));
        return Complete(invocation, r, parsed.Iterations, parsed.PeakRssKb ?? r.PeakRssKb, parsed.Errors, TimeoutNote);
    }

    /// <summary>Where the process's protocol lines are: its stdout, unless the engine gives it a channel of its own.</summary>
    protected virtual string ProtocolOutput(EngineInvocation invocation, ChildProcessResult r) => r.Stdout;

    public string ReportedBy(EngineInvocation inv, ChildProcessResult result) => ProtocolOutput(inv, result);

    /// <summary>Fills in iterations the process never reported, with the reason it stopped.</summary>
    internal static ProcessResult Complete(EngineInvocation inv, ChildProcessResult r, IReadOnlyList<IterationResult> reported, long? rss,
        IReadOnlyList<DriverProtocol.ProtocolError>? protocolErrors = null, string? timeoutNote = null)
    {
        var unreadable = (protocolErrors ?? []).Select(e => e.ToString()).ToList();
        var list = reported.ToList();
        Outcome? failure = null;
        string? message = null;
        if (r.TimedOut)
        {
            failure = Outcome.Timeout;
            message = $"timed out after {inv.Timeout.TotalSeconds:0.#} s" + (timeoutNote is null ? "" : " " + timeoutNote);
        }
        else if (list.Count < inv.Iterations)
        {
            failure = Outcome.Crash;
            var tail = r.StderrTail(600).Trim();
            message = $"engine process {r.Ending} after {list.Count} of {inv.Iterations} iterations" +
                      (tail.Length > 0 ? $": {tail}" : "");
        }
        // An iteration whose line could not be read is missing above: say which line it was.
        if (message is not null && unreadable.Count > 0) message += "; " + string.Join("; ", unreadable);
        for (var i = list.Count; i < inv.Iterations; i++)
            list.Add(new IterationResult { Iteration = i, Outcome = failure ?? Outcome.Crash, Message = message });
        return new ProcessResult
        {
            Iterations = list,
            TotalNs = r.WallNs,
            PeakRssKb = rss,
            ProcessFailure = failure,
            FailureMessage = message,
            StderrTail = r.StderrTail(),
            ProtocolErrors = unreadable,
        };
    }
}
