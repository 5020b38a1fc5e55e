using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Node;

/// <summary>The system Node.js on PATH, in V8's default tiering.</summary>
public sealed class NodeProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var node = PathLookup.Find("node");
        if (node is null)
        {
            yield return new UnavailableEngine(new EngineDescriptor
            {
                Id = "node/default", Family = "node", Version = "", Tier = "default",
                Status = EngineStatus.NotInstalled, Reason = "node not on PATH: apt-get install nodejs",
            });
            yield break;
        }
        var probe = NodeEngine.Probe(node, out var reason);
        if (probe is null)
        {
            yield return new UnavailableEngine(new EngineDescriptor
            {
                Id = "node/default", Family = "node", Version = "", Tier = "default", Source = node,
                Status = EngineStatus.Broken, Reason = reason,
            });
            yield break;
        }
        yield return new NodeEngine(env, node, probe.Value.Version, probe.Value.V8, "default", [], $"system ({node})");
    }
}
