using System.Text.Json.Nodes;
using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>Lists every engine configuration this machine could run, with its status and, when not ready, why.</summary>
public sealed class RuntimesCommand
{
    public int Execute(string? engineGlob, bool json, CommandContext context)
    {
        var engines = EngineCatalog.Select(context.EngineEnvironment, engineGlob, Glob.Matches).Select(e => e.Descriptor).ToList();
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
                });
            context.Out.WriteLine(arr.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }
        var table = new TextTable("id", "family", "version", "tier", "source", "status", "reason");
        foreach (var d in engines) table.Add(d.Id, d.Family, d.Version, d.Tier, d.Source, d.Status.ToWire(), d.Reason);
        table.Write(context.Out);
        context.Out.WriteLine($"{engines.Count(e => e.Status == EngineStatus.Ready)} ready, {engines.Count(e => e.Status == EngineStatus.NotInstalled)} not installed, {engines.Count(e => e.Status == EngineStatus.Broken)} broken");
        return 0;
    }
}
