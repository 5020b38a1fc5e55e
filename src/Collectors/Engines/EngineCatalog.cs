using Observatory.Collectors.Engines.WasmC;

namespace Observatory.Collectors.Engines;

/// <summary>
/// Every engine configuration this build knows, ready or not: the benchmark view of
/// <see cref="EngineFamilies"/> (a new runtime is one provider class plus one line there).
/// </summary>
public static class EngineCatalog
{
    public static IReadOnlyList<IEngineProvider> Providers { get; } =
        EngineFamilies.All.Select(f => f.Benchmarks).OfType<IEngineProvider>().ToList();

    public static IReadOnlyList<IEngine> Discover(EngineEnvironment env) =>
        Providers.SelectMany(p => p.Discover(env)).ToList();

    /// <summary>Prefix of an --engines alternative that names a wasm.h library directly: <c>wasmc:/path/to/libwasmer.so</c>.</summary>
    public const string WasmCPrefix = "wasmc:";

    /// <summary>Engines named directly in an --engines pattern (<c>wasmc:PATH</c> alternatives), probed like configured ones.</summary>
    public static IReadOnlyList<IEngine> AdHoc(EngineEnvironment env, string? pattern) =>
        Alternatives(pattern).Where(a => a.StartsWith(WasmCPrefix, StringComparison.Ordinal))
            .Select(a => WasmCProvider.ForPath(env, a[WasmCPrefix.Length..])).ToList();

    /// <summary>
    /// The pattern without its ad-hoc alternatives: null when the pattern was empty (every engine),
    /// "" when it named only ad-hoc engines (no discovered engine is selected).
    /// </summary>
    public static string? WithoutAdHoc(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern)) return null;
        return string.Join(',', Alternatives(pattern).Where(a => !a.StartsWith(WasmCPrefix, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Discovered engines whose id matches the pattern (by <paramref name="matches"/>) and whose ISA is one of
    /// <paramref name="isas"/>, then the ad-hoc ones. Without isas only the host's own ISA is selected, so a
    /// glob such as node-20* never picks an emulated node-20.11.0-s390x by accident; "all" selects every ISA.
    /// </summary>
    public static IReadOnlyList<IEngine> Select(EngineEnvironment env, string? pattern, Func<string?, string, bool> matches, IReadOnlyList<string>? isas = null)
    {
        var rest = WithoutAdHoc(pattern);
        var found = rest == "" ? [] : Discover(env).Where(e => OnIsa(e.Descriptor, isas) && matches(rest, e.Descriptor.Id));
        return found.Concat(AdHoc(env, pattern)).ToList();
    }

    /// <summary>True when the engine runs on one of the ISAs asked for (the host's when none were).</summary>
    public static bool OnIsa(Core.Engines.EngineDescriptor d, IReadOnlyList<string>? isas) =>
        isas is null ? d.Isa == Core.Engines.InstructionSet.Host : isas.Contains("all") || isas.Contains(d.Isa);

    private static IEnumerable<string> Alternatives(string? pattern) =>
        (pattern ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
