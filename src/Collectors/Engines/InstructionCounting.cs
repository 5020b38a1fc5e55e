using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines;

/// <summary>
/// How callgrind counts an engine's instructions: collection is switched on only while
/// <see cref="Symbol"/> (the native function that runs the module) is on the stack, so process
/// start-up, the host runtime and compilation are left out. <see cref="WritesCode"/>: the engine
/// generates machine code at run time (a JIT), so valgrind must re-check every code write
/// (<c>--smc-check=all</c>).
/// </summary>
public sealed record InstructionCounting(string Symbol, bool WritesCode, string Span);

/// <summary>The one process a counted sample runs, or why there is none (a failed build step).</summary>
public sealed record CountedProcess(ChildProcessSpec? Spec, Outcome? Failure = null, string? Message = null);

/// <summary>
/// An engine whose process the harness can run unchanged behind valgrind. <see cref="Counting"/>
/// null: it cannot be counted, and <see cref="CountingUnsupported"/> says why.
/// </summary>
public interface ICountableEngine : IEngine
{
    InstructionCounting? Counting { get; }

    string CountingUnsupported { get; }

    /// <summary>The process that runs <paramref name="inv"/> once (after any build step the engine needs), as it would run.</summary>
    CountedProcess ProcessFor(EngineInvocation inv, CancellationToken cancellationToken = default);

    /// <summary>The protocol lines the counted process reported (its stdout, or the worker's report file).</summary>
    string ReportedBy(EngineInvocation inv, ChildProcessResult result);
}
