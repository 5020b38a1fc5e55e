using System.Text.Json.Nodes;
using Observatory.Harness.Cli;
using Observatory.Reports.Bundles;
using Observatory.Reports.History;
using Observatory.Reports.Site;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// Merges run bundles (e.g. from CI shards on other machines) into the database, idempotently.
/// Every bundle is read and checked before the database is opened: a malformed one stops the
/// command with one line naming its file and field. Bundles with Parquet copies are stored in
/// batches, each one transaction whose sample, outcome and region rows DuckDB loads from the copies;
/// bundles of run.json alone one transaction each.
/// </summary>
public sealed class IngestCommand
{
    /// <summary>
    /// Bundles per transaction: a year of nightlies is one. Measured on the synthetic year (365 bundles):
    /// one batch took 30% less CPU than batches of 128 (one commit instead of three, then still merging
    /// every row into the outcomes' primary-key index; one read of all footers and files), and a failure still rolls
    /// back only this ingest's runs. Many more bundles are split so no statement lists unboundedly many files.
    /// </summary>
    private const int BatchSize = 4096;

    public int Execute(IReadOnlyList<string> bundles, string database, bool json, CommandContext context, string? history = null, bool databaseGiven = false)
    {
        if (bundles.Count == 0) throw new UsageException("give at least one bundle");
        if (history is not null)
        {
            if (databaseGiven) throw new UsageException("give --db or --history, not both: ingest writes one store");
            return IntoHistory(bundles, history, json, context);
        }
        // OBSERVATORY_PROFILE=1: where the seconds went (reading bundles, each table's bulk insert, commit, close), on standard error.
        var profile = SiteProfile.FromEnvironment("ingest", "ingest");
        var paths = new List<string>();
        foreach (var p in bundles) paths.AddRange(Expand(p));
        var sources = RunBundle.ReadForIngest(paths, profile);

        var store = profile.Measure("open store", () => ObservatoryStore.Open(database));
        try
        {
            Store(store, sources, json, context, profile);
        }
        finally
        {
            // Closing writes what the commits left in the write-ahead log into the file (a checkpoint).
            profile.Measure("close store", store.Dispose);
        }
        profile.WriteTo(context.Error);
        return 0;
    }

    private static void Store(ObservatoryStore store, IReadOnlyList<BundleSource> sources, bool json, CommandContext context, SiteProfile profile)
    {
        var ingested = new JsonArray();
        var already = new JsonArray();
        void Report(BundleSource source, bool added)
        {
            (added ? ingested : already).Add(new JsonObject { ["runId"] = source.Run.RunId, ["path"] = source.Path });
            if (!json) context.Out.WriteLine(added ? $"ingested {source.Run.RunId} from {source.Path}" : $"already stored {source.Run.RunId} ({source.Path})");
        }
        // Bundles with Parquet copies go in batches (one transaction and one bulk load per table each); the
        // others one by one from run.json. Either way in the order given, so the first of a run id wins.
        var batch = new List<BundleSource>();
        void Flush()
        {
            if (batch.Count == 0) return;
            store.IngestParquet([.. batch.Select(b => new ParquetRun(b.Run, b.ParquetDirectory!, b.EmptyTables))], (i, added) => Report(batch[i], added), profile);
            batch.Clear();
        }
        foreach (var source in sources)
        {
            if (source.FromParquet)
            {
                batch.Add(source);
                if (batch.Count == BatchSize) Flush();
                continue;
            }
            Flush();
            Report(source, profile.Measure("store: one run from run.json", () => store.Ingest(source.Run)));
        }
        Flush();
        if (json)
            context.Out.WriteLine(new JsonObject { ["database"] = store.Path, ["ingested"] = ingested, ["alreadyStored"] = already }
                .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        else context.Out.WriteLine($"{ingested.Count} ingested, {already.Count} already stored");
    }

    /// <summary>
    /// Appends to a Parquet history. Unlike the database path, each bundle stands alone: the nightly's merge
    /// job must file every good shard even when one shard's bundle is damaged, so a bad bundle is one line
    /// naming it (exit 1 at the end) and never stops the others. Earlier runs are never touched.
    /// </summary>
    private static int IntoHistory(IReadOnlyList<string> bundles, string history, bool json, CommandContext context)
    {
        var ingested = new JsonArray();
        var already = new JsonArray();
        var rejected = new JsonArray();
        foreach (var argument in bundles)
        {
            IEnumerable<string> paths;
            try { paths = Expand(argument).ToList(); }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                Reject(argument, e.Message);
                continue;
            }
            foreach (var p in paths)
            {
                Observatory.Core.Runs.RunInfo run;
                try { run = RunBundle.Read(p); }
                catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException)
                {
                    Reject(p, e.Message);
                    continue;
                }
                bool added;
                try { added = HistoryDataset.Append(run, history); }
                catch (Observatory.Core.Naming.UnsafePathException e)
                {
                    Reject(p, e.Message);
                    continue;
                }
                (added ? ingested : already).Add(new JsonObject { ["runId"] = run.RunId, ["path"] = p });
                if (!json) context.Out.WriteLine(added ? $"filed {run.RunId} from {p} in {HistoryLayout.RunDirectory(history, run)}" : $"already in the history {run.RunId} ({p})");
            }
        }
        if (json)
            context.Out.WriteLine(new JsonObject { ["history"] = Path.GetFullPath(history), ["ingested"] = ingested, ["alreadyStored"] = already, ["rejected"] = rejected }
                .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        else context.Out.WriteLine($"{ingested.Count} ingested, {already.Count} already stored, {rejected.Count} rejected");
        return rejected.Count == 0 ? 0 : 1;

        void Reject(string path, string why)
        {
            rejected.Add(new JsonObject { ["path"] = path, ["reason"] = why });
            context.Error.WriteLine($"observatory ingest: skipped {path}: {why}");
        }
    }

    /// <summary>A bundle directory, its run.json, or a directory whose subdirectories are bundles; anything else is an error naming it.</summary>
    private static IEnumerable<string> Expand(string p)
    {
        if (File.Exists(p)) return [p];
        if (!Directory.Exists(p)) throw new FileNotFoundException($"{p} does not exist (give a bundle directory, its {RunBundle.RunFile}, or a directory of bundles)", p);
        if (File.Exists(Path.Combine(p, RunBundle.RunFile))) return [p];
        var below = Directory.GetDirectories(p)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && File.Exists(Path.Combine(d, RunBundle.RunFile)))
            .Order(StringComparer.Ordinal).ToList();
        if (below.Count == 0)
            throw new InvalidDataException($"{p} is not a run bundle: it has no {RunBundle.RunFile}, nor has any directory directly below it");
        return below;
    }
}
