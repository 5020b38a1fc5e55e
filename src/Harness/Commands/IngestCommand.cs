using System.Text.Json.Nodes;
using Observatory.Harness.Cli;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>Merges run bundles (e.g. from CI shards on other machines) into the database, idempotently.</summary>
public sealed class IngestCommand
{
    public int Execute(IReadOnlyList<string> bundles, string database, bool json, CommandContext context)
    {
        if (bundles.Count == 0) throw new UsageException("give at least one bundle");
        var paths = new List<string>();
        foreach (var p in bundles)
        {
            if (Directory.Exists(p) && !File.Exists(Path.Combine(p, RunBundle.RunFile)))
                paths.AddRange(Directory.GetDirectories(p).Where(d => File.Exists(Path.Combine(d, RunBundle.RunFile))).Order(StringComparer.Ordinal));
            else paths.Add(p);
        }
        using var store = ObservatoryStore.Open(database);
        var ingested = new JsonArray();
        var already = new JsonArray();
        foreach (var p in paths)
        {
            var run = RunBundle.Read(p);
            var added = store.Ingest(run);
            (added ? ingested : already).Add(new JsonObject { ["runId"] = run.RunId, ["path"] = p });
            if (!json) context.Out.WriteLine(added ? $"ingested {run.RunId} from {p}" : $"already stored {run.RunId} ({p})");
        }
        if (json)
            context.Out.WriteLine(new JsonObject { ["database"] = Path.GetFullPath(database), ["ingested"] = ingested, ["alreadyStored"] = already }
                .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        else context.Out.WriteLine($"{ingested.Count} ingested, {already.Count} already stored");
        return 0;
    }
}
