using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.JavaScript;

/// <summary>
/// JavaScript runtimes: the system Node on PATH, the pinned Node 22/24/26, Deno and Bun that
/// `npm ci --ignore-scripts` puts in node_modules, each in its engine's tiers. Every tier is
/// probed with its own flags, so a flag the binary rejects makes that tier broken, not a
/// failed run. Missing packages are listed as not installed with the command that installs them.
/// </summary>
public sealed class JsProvider : IEngineProvider
{
    public const string InstallHint = "npm ci --ignore-scripts (at the repository root)";

    /// <summary>Where the pinned npm runtimes put their binaries (package folder, binary inside it).</summary>
    public static IReadOnlyList<(string Family, string Label, string RelativeBinary)> Pinned { get; } =
    [
        ("node", "node22", "node22/bin/node"),
        ("node", "node24", "node24/bin/node"),
        ("node", "node26", "node26/bin/node"),
        ("deno", "deno", "@deno/linux-x64-glibc/deno"),
        ("bun", "bun", "@oven/bun-linux-x64/bin/bun"),
    ];

    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var system = PathLookup.Find("node");
        if (system is null)
            yield return NotInstalled("node", "node", "node not on PATH: apt-get install nodejs");
        else
            foreach (var e in Tiers(env, new JsRuntime("node", system, $"system ({system})"))) yield return e;

        foreach (var (family, label, relative) in Pinned)
        {
            var binary = Path.Combine(env.NodeModules, relative);
            if (!File.Exists(binary))
            {
                yield return NotInstalled(family, label, $"{binary} not found: {InstallHint}");
                continue;
            }
            var package = relative.Split('/')[0].StartsWith('@') ? string.Join('/', relative.Split('/').Take(2)) : relative.Split('/')[0];
            foreach (var e in Tiers(env, new JsRuntime(family, binary, $"npm {package} ({binary})"))) yield return e;
        }
    }

    private static IEnumerable<IEngine> Tiers(EngineEnvironment env, JsRuntime runtime)
    {
        foreach (var tier in runtime.Family == "bun" ? JsTier.JavaScriptCore : JsTier.V8)
        {
            var probe = runtime.Probe(tier.ArgsFor(runtime.Family), tier.Environment, out var reason);
            if (probe is null)
                yield return new UnavailableEngine(new EngineDescriptor
                {
                    Id = $"{runtime.Family}/{tier.Name}", Family = runtime.Family, Version = "", Tier = tier.Name,
                    Flags = [.. tier.Describe()], Source = runtime.Source, Status = EngineStatus.Broken, Reason = reason,
                });
            else
                yield return new JsEngine(env, runtime, tier, probe.Value.Version, probe.Value.EngineVersion);
        }
    }

    private static UnavailableEngine NotInstalled(string family, string label, string reason) => new(new EngineDescriptor
    {
        Id = $"{label}/*", Family = family, Version = "", Tier = "*", Status = EngineStatus.NotInstalled, Reason = reason,
    });
}
