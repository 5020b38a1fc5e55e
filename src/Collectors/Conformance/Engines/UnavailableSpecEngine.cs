using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>A spec engine that cannot run here: listed with why and how to install it, never silently dropped.</summary>
public sealed class UnavailableSpecEngine(string id, string reason) : ISpecSuiteEngine
{
    public string Id { get; } = id;
    public string Version => "";
    public string? UnavailableReason { get; } = reason;
    public string Isa { get; init; } = Core.Engines.InstructionSet.Host;

    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile) =>
        throw new InvalidOperationException($"{Id} cannot run: {UnavailableReason}");
}
