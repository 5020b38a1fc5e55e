using YamlDotNet.RepresentationModel;

namespace Observatory.Tests.Nightly;

/// <summary>A workflow or action file parsed by YamlDotNet, with the few walks the workflow tests need.</summary>
public sealed class WorkflowYaml
{
    public string Path { get; }
    public YamlMappingNode Root { get; }

    public WorkflowYaml(string path)
    {
        Path = path;
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        Root = (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode? Get(YamlNode node, params string[] keys)
    {
        foreach (var k in keys)
        {
            if (node is not YamlMappingNode m || !m.Children.TryGetValue(new YamlScalarNode(k), out var next)) return null;
            node = next;
        }
        return node;
    }

    public YamlNode? Get(params string[] keys) => Get(Root, keys);

    public static string? Text(YamlNode? node) => (node as YamlScalarNode)?.Value;

    public static IReadOnlyList<string> Texts(YamlNode? node) => node switch
    {
        YamlSequenceNode s => s.Children.Select(c => Text(c) ?? "").ToList(),
        YamlScalarNode x => [x.Value ?? ""],
        _ => [],
    };

    /// <summary>Every mapping under a node (the steps, jobs, ... at any depth).</summary>
    public static IEnumerable<YamlMappingNode> Mappings(YamlNode node)
    {
        if (node is YamlMappingNode m)
        {
            yield return m;
            foreach (var c in m.Children.Values) foreach (var x in Mappings(c)) yield return x;
        }
        else if (node is YamlSequenceNode s)
            foreach (var c in s.Children) foreach (var x in Mappings(c)) yield return x;
    }

    /// <summary>The shell of every `run:` step.</summary>
    public IEnumerable<string> RunScripts() => Mappings(Root).Select(m => Text(Get(m, "run"))).OfType<string>();

    /// <summary>The steps of one job (or of the composite action: runs.steps).</summary>
    public IReadOnlyList<YamlMappingNode> Steps(params string[] path) =>
        (Get(path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().ToList() ?? [];
}
