using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.SpiderMonkey;

/// <summary>SpiderMonkey through Debian's gjs on PATH; listed as not installed (with the apt-get line) or broken when it cannot run.</summary>
public sealed class GjsProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var runtime = GjsRuntime.Find(out var reason);
        if (runtime is not null)
        {
            yield return new GjsEngine(env, runtime);
            yield break;
        }
        yield return new UnavailableEngine(new EngineDescriptor
        {
            Id = $"{GjsRuntime.Family}/{GjsEngine.Tier}", Family = GjsRuntime.Family, Version = "", Tier = GjsEngine.Tier,
            Status = reason.StartsWith("gjs not on PATH", StringComparison.Ordinal) ? EngineStatus.NotInstalled : EngineStatus.Broken,
            Reason = reason,
        });
    }
}
