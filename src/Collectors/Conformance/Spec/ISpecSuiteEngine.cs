using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>All results of one file on one engine, or why the file could not be run at all.</summary>
public sealed record FileResult(SpecFile File, IReadOnlyList<AssertionResult> Results, string? FileError = null);

public sealed record SpecRunOptions
{
    /// <summary>A file that takes longer than this (one hung assertion) has its worker restarted.</summary>
    public TimeSpan FileTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public int Parallelism { get; init; } = Math.Max(1, Environment.ProcessorCount);
    /// <summary>Where engines that need files (JSON commands, .wasm modules) write them.</summary>
    public required string ScratchDirectory { get; init; }
    /// <summary>Shared with other engines running at the same time: each batch or file of an engine that honours it runs in one (null: <see cref="Parallelism"/> alone limits).</summary>
    public ProcessSlots? Slots { get; init; }
}

/// <summary>An engine as the spec-suite runner sees it: runs many files, streams results per file.</summary>
public interface ISpecSuiteEngine
{
    /// <summary>Stable id stored with every result, e.g. wasmtime-50.0.1, node-20.20.2, wabt-spectest-interp-1.0.32.</summary>
    string Id { get; }
    string Version { get; }
    /// <summary>Null when the engine can run; otherwise why not and how to install it.</summary>
    string? UnavailableReason { get; }
    /// <summary>The instruction set the engine's code runs on (a foreign Node runs emulated under qemu-user).</summary>
    string Isa => Core.Engines.InstructionSet.Host;
    void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile);
}

/// <summary>Helpers shared by the engines: parsing a file in the parent and filling in what an engine never reported.</summary>
public static class SpecFiles
{
    /// <summary>The parsed script, or a FileResult naming the file:line:column of the syntax error.</summary>
    public static (WastScript? Script, FileResult? Failure) Parse(SpecFile file)
    {
        try
        {
            return (WastParser.ParseFile(file.Path, file.RelativePath), null);
        }
        catch (WastParseException e)
        {
            return (null, new FileResult(file, [new AssertionResult
            {
                Index = -1, Line = e.Line, Directive = "parse", IsAssertion = true, Outcome = AssertionOutcome.Error, Message = e.Message,
            }], e.Message));
        }
    }

    public static AssertionResult Missing(Directive d, AssertionOutcome outcome, string message) => new()
    {
        Index = d.Index, Line = d.Line, Directive = d.Kind, IsAssertion = d.IsAssertion, Outcome = outcome, Message = message,
    };
}
