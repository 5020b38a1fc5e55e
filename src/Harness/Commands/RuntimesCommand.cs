using System.Text.Json.Nodes;
using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>Lists every engine configuration this machine could run, with its status and, when not ready, why.</summary>
public sealed class RuntimesCommand
{
    public int Execute(string? engineGlob, bool json, CommandContext context, IReadOnlyList<string>? isas = null)
    {
        var engines = EngineCatalog.Select(context.EngineEnvironment, engineGlob, Glob.Matches, isas ?? ["all"]).Select(e => e.Descriptor).ToList();
        if (json)
        {
            var arr = new JsonArray();
            foreach (var d in engines)
                arr.Add(new JsonObject
                {
                    ["id"] = d.Id, ["family"] = d.Family, ["version"] = d.Version, ["tier"] = d.Tier,
                    ["flags"] = new JsonArray(d.Flags.Select(f => (JsonNode)f!).ToArray()),
                    ["source"] = d.Source, ["status"] = d.Status.ToWire(), ["reason"] = d.Reason,
                    ["native"] = d.IsNative, ["wasi"] = d.SupportsWasi,
                    ["isa"] = d.Isa, ["emulated"] = d.Emulated, ["architecture"] = d.Architecture(),
                });
            context.Out.WriteLine(arr.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        // Narrow by default (a terminal or CI log): id, version, status; where each comes from and why one is not
        // ready follow as wrapped notes. --json has every field.
        var table = new TextTable("id", "version", "arch", "status");
        foreach (var d in engines) table.Add(d.Id, d.Version, d.Architecture(), d.Status.ToWire());
        table.Write(context.Out);
        context.Out.WriteLine();
        context.Out.WriteLine("sources:");
        foreach (var g in engines.Where(d => d.Status == EngineStatus.Ready && !string.IsNullOrEmpty(d.Source)).GroupBy(d => d.Source))
            foreach (var line in TextWrap.Lines(g.Key, $"  {Ids(g)}: ", "      "))
                context.Out.WriteLine(line);
        var notReady = engines.Where(d => d.Status != EngineStatus.Ready).ToList();
        if (notReady.Count > 0)
        {
            context.Out.WriteLine("not ready, and how to get them:");
            foreach (var d in notReady)
                foreach (var line in TextWrap.Lines(d.Reason ?? "", $"  {d.Id}: ", "      "))
                    context.Out.WriteLine(line);
        }
        context.Out.WriteLine($"{engines.Count(e => e.Status == EngineStatus.Ready)} ready, {engines.Count(e => e.Status == EngineStatus.NotInstalled)} not installed, {engines.Count(e => e.Status == EngineStatus.Broken)} broken");
        return 0;
    }

    /// <summary>The ids sharing a source, shortened to family-version/* where a whole family does.</summary>
    private static string Ids(IEnumerable<EngineDescriptor> group)
    {
        var ids = group.Select(d => d.Id).ToList();
        return ids.Count <= 2 ? string.Join(", ", ids)
            : string.Join(", ", ids.GroupBy(i => i.Contains('/') ? i[..i.IndexOf('/')] + "/*" : i).Select(g => g.Count() > 1 ? g.Key : g.First()));
    }
}
