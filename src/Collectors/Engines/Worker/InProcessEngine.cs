using Observatory.Collectors.Engines.Contract;
using Observatory.Collectors.Engines.Worker;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines;

/// <summary>
/// An engine whose runtime is hosted inside the observatory's own worker process (a fresh one per
/// sample process, so cold start is real and a crash costs one process): the parent writes a
/// <see cref="WorkerRequest"/>, the worker's <see cref="IWorkerHost"/> runs it through the
/// <see cref="PhaseRecorder"/>, and the @obs lines come back like any driver's, through a report file in
/// the scratch directory rather than stdout (a runtime library may print there).
/// </summary>
public abstract class InProcessEngine(EngineEnvironment env) : DriverEngine
{
    protected EngineEnvironment Env { get; } = env;

    /// <summary>The family whose <see cref="IWorkerHost"/> serves the request (see EngineFamilies).</summary>
    protected abstract string WorkerFamily { get; }

    /// <summary>The family's settings in the text form its worker host parses.</summary>
    protected abstract string WorkerSettings { get; }

    /// <summary>What this engine can do (known in the parent without loading the runtime).</summary>
    public abstract EngineCapabilities Capabilities { get; }

    /// <summary>Files of the runtime the sandboxed worker must see besides the module and the tool directory.</summary>
    protected virtual SandboxMounts Sandbox(EngineInvocation inv) => EngineSandbox.For(inv, Env);

    public WorkerRequest Request(EngineInvocation inv) =>
        new() { Family = WorkerFamily, Settings = WorkerSettings, Invocation = inv, ReportPath = ReportPath(inv) };

    /// <summary>The worker's report channel for <paramref name="inv"/>: a file in its scratch directory (writable in the sandbox).</summary>
    public static string ReportPath(EngineInvocation inv) => Path.Combine(Path.GetFullPath(inv.ScratchDirectory), WorkerRequest.ReportFileName);

    /// <summary>The protocol lines a worker wrote for <paramref name="inv"/> ("" when it wrote none: it died first).</summary>
    public static string ReadReport(EngineInvocation inv) => File.Exists(ReportPath(inv)) ? File.ReadAllText(ReportPath(inv)) : "";

    /// <summary>The worker's command line for <paramref name="inv"/>; public so a wrapper (valgrind) can run it unchanged.</summary>
    public ChildProcessSpec WorkerSpec(EngineInvocation inv)
    {
        Directory.CreateDirectory(inv.ScratchDirectory);
        File.Delete(ReportPath(inv)); // a report left by an earlier process must not pass for this one's
        return WorkerProcess.Spec(Env, Request(inv), Path.Combine(inv.ScratchDirectory, WorkerRequest.FileName), Sandbox(inv));
    }

    protected override ChildProcessSpec CreateSpec(EngineInvocation inv) => WorkerSpec(inv);

    protected override string ProtocolOutput(EngineInvocation invocation, ChildProcessResult r) => ReadReport(invocation);

    public override InstructionCounting? Counting => Capabilities is { InstructionCountSymbol: { } symbol, ProcessWrapping: true }
        ? new InstructionCounting(symbol, WritesCode: false, Span: $"the call that runs the entry point ({symbol}), compiled wasm and WASI host calls included")
        : null;
}
