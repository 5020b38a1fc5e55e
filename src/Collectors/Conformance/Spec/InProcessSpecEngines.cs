using Observatory.Collectors.Engines;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The in-process engines the conformance worker can host, by family name: the families of
/// <see cref="EngineFamilies"/> with a spec host. "wasmc" is the standard wasm.h API over whichever
/// library the parent names in <c>WasmCSpecHost.LibraryEnvironment</c>.
/// </summary>
public static class InProcessSpecEngines
{
    public static IReadOnlyDictionary<string, Func<ISpecHost>> Factories { get; } =
        EngineFamilies.All.Where(f => f.SpecHost is not null).ToDictionary(f => f.Name, f => f.SpecHost!);
}
