using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines.Worker;

namespace Observatory.Collectors.Engines;

/// <summary>
/// One runtime family as the observatory knows it, registered once in <see cref="EngineFamilies"/>:
/// what it offers to benchmarks (a provider of engine configurations), to the spec suite (its
/// spec engines, discovered on demand: some start processes to find their version), and, for a
/// family hosted inside observatory's own processes, its worker host (<c>observatory worker</c>)
/// and its conformance host (<c>observatory conformance-worker --engine NAME</c>). Every part is optional.
/// </summary>
/// <param name="Name">The family name: the worker request's <c>family</c> and the conformance worker's <c>--engine</c>.</param>
public sealed record EngineFamily(string Name)
{
    public IEngineProvider? Benchmarks { get; init; }

    public Func<EngineEnvironment, IEnumerable<ISpecSuiteEngine>>? SpecEngines { get; init; }

    public IWorkerHost? Worker { get; init; }

    public Func<ISpecHost>? SpecHost { get; init; }
}
