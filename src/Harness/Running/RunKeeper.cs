using Observatory.Core.Runs;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;

namespace Observatory.Harness.Running;

/// <summary>
/// The end of a run: no measurement lost. The bundle is written first (fsynced, renamed into place),
/// then ingested. When the database cannot take it (locked, full, corrupt, read-only, newer) the user
/// is told why and given the exact `observatory ingest` to run later; when the bundle does not fit,
/// run.json alone is kept (beside the database, else in the temp directory) and the user is told where.
/// </summary>
public sealed class RunKeeper(TextWriter log, TextWriter error)
{
    /// <summary>Keeps the run; returns true when both the bundle and the database have it.</summary>
    public bool Keep(RunInfo run, string runsDirectory, string database)
    {
        var db = Path.GetFullPath(database);
        var bundle = WriteBundle(run, runsDirectory, out var bundleWhole);
        try
        {
            using (var store = ObservatoryStore.Open(db))
                store.Ingest(run);
        }
        catch (StoreException e)
        {
            error.WriteLine($"observatory run: error: run {run.RunId} was measured but not stored: {e.Message}");
            if (bundle is not null)
                error.WriteLine($"the run is kept in {bundle}; store it later with: observatory ingest {Quote(bundle)} --db {Quote(db)}");
            else
                error.WriteLine($"run {run.RunId} is lost: neither a bundle nor the database could take it (the summary below is all that remains)");
            return false;
        }
        log.WriteLine(bundle is null
            ? $"stored run {run.RunId}: database {db} (no bundle was written)"
            : $"stored run {run.RunId}: bundle {bundle}, database {db}");
        return bundleWhole;
    }

    /// <summary>The whole bundle; else run.json alone beside the database; else run.json in the temp directory; else null.</summary>
    private string? WriteBundle(RunInfo run, string runsDirectory, out bool whole)
    {
        whole = false;
        try
        {
            var dir = RunBundle.Write(run, runsDirectory);
            whole = true;
            return dir;
        }
        catch (IOException e)
        {
            error.WriteLine($"observatory run: error: {e.Message}");
        }
        foreach (var place in new[] { runsDirectory, Path.Combine(Path.GetTempPath(), "observatory-runs") })
        {
            try
            {
                var dir = RunBundle.WriteRunJsonOnly(run, place);
                error.WriteLine($"kept {Path.Combine(dir, RunBundle.RunFile)} alone (no Parquet copies; `observatory ingest` needs only run.json)");
                return dir;
            }
            catch (IOException e)
            {
                error.WriteLine($"observatory run: error: {e.Message}");
            }
        }
        return null;
    }

    private static string Quote(string path) =>
        path.All(c => char.IsLetterOrDigit(c) || "/._-+:@".Contains(c)) ? path : "'" + path.Replace("'", "'\\''") + "'";
}
