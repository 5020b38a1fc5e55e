using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Harness.Corpus;

namespace Observatory.Harness.Running;

/// <summary>
/// Which engines can run a built workload, and why not: an engine left out of a run is named
/// with its reason, never dropped without a word (native with a foreign module, wabt with WASI).
/// </summary>
public static class EngineApplicability
{
    public static string? WhyNot(EngineDescriptor e, BuildArtifact a)
    {
        if (e.IsNative)
            return a.NativePath is not null ? null
                : a.Workload.Category == AdHocModule.Category ? "a foreign .wasm module has no sources to compile natively"
                : "the workload has no native build (native = false)";
        return e.SupportsWasi || !a.Workload.UsesWasi ? null : "the engine has no WASI, and the module is a WASI command";
    }

    /// <summary>One line per engine and reason: "not running adhoc-a, adhoc-b on native: a foreign .wasm module has no sources ...".</summary>
    public static IEnumerable<string> NotRun(IReadOnlyList<BuildArtifact> artifacts, IReadOnlyList<IEngine> engines) =>
        from e in engines
        from g in artifacts.Select(a => (a, Why: WhyNot(e.Descriptor, a))).Where(x => x.Why is not null).GroupBy(x => x.Why)
        let names = g.Select(x => x.a.Key).ToList()
        select $"not running {(names.Count > 4 ? $"{string.Join(", ", names.Take(4))} and {names.Count - 4} more" : string.Join(", ", names))} on {e.Descriptor.Id}: {g.Key}";
}
