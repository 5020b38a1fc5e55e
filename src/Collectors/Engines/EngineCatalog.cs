using Observatory.Collectors.Engines.Browser;
using Observatory.Collectors.Engines.Native;
using Observatory.Collectors.Engines.Components;
using Observatory.Collectors.Engines.JavaScript;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Collectors.Engines.Wabt;
using Observatory.Collectors.Engines.WasmC;
using Observatory.Collectors.Engines.Wasmtime;

namespace Observatory.Collectors.Engines;

/// <summary>
/// Every engine configuration this build knows, ready or not. A new runtime is one
/// provider class plus one line here.
/// </summary>
public static class EngineCatalog
{
    public static IReadOnlyList<IEngineProvider> Providers { get; } =
    [
        new NativeProvider(),
        new WasmtimeProvider(),
        new WasmCProvider(),
        new JsProvider(),
        new WabtProvider(),
        new RuntimeCliProvider(),
        new ComponentProvider(),
        new BrowserProvider(),
    ];

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

    /// <summary>Discovered engines whose id matches the pattern (by <paramref name="matches"/>), then the ad-hoc ones.</summary>
    public static IReadOnlyList<IEngine> Select(EngineEnvironment env, string? pattern, Func<string?, string, bool> matches)
    {
        var rest = WithoutAdHoc(pattern);
        var found = rest == "" ? [] : Discover(env).Where(e => matches(rest, e.Descriptor.Id));
        return found.Concat(AdHoc(env, pattern)).ToList();
    }

    private static IEnumerable<string> Alternatives(string? pattern) =>
        (pattern ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
