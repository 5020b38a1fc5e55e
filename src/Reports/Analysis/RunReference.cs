using Observatory.Reports.Store;

namespace Observatory.Reports.Analysis;

/// <summary>A stored run as a comparison names it.</summary>
public sealed record StoredRun(string RunId, string Label, DateTime StartedUtc, string FingerprintId);

/// <summary>
/// Turns what a user types into a stored run: <c>latest</c>, <c>previous</c> (the one
/// before latest), a run id or a unique prefix of one, or a label (its most recent run).
/// Interrupted runs are never latest or previous, and a label means its most recent complete
/// run when it has one: they are taken only when named by id (or by a label with no other run).
/// </summary>
public static class RunReference
{
    /// <summary>SQL over `runs`: the run sampled to its end (rows from before schema 4 have no status).</summary>
    public const string Complete = "coalesce(status, 'complete') <> 'interrupted'";

    public static StoredRun Resolve(ObservatoryStore store, string reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
            throw new StoreException("an empty run reference: give a run id, a label, latest or previous");
        const string select = "SELECT run_id, coalesce(label, '') AS label, started_utc, coalesce(fingerprint_id, '') AS fingerprint_id FROM runs";
        const string order = "ORDER BY started_utc DESC, run_id DESC";
        List<Dictionary<string, object?>> rows = reference switch
        {
            "latest" => store.Query($"{select} WHERE {Complete} {order} LIMIT 1"),
            "previous" => store.Query($"{select} WHERE {Complete} {order} LIMIT 1 OFFSET 1"),
            _ => store.Query($"{select} WHERE run_id = $r", ("r", reference)),
        };
        if (rows.Count == 0 && reference is not ("latest" or "previous"))
            rows = store.Query($"{select} WHERE label = $r ORDER BY ({Complete}) DESC, started_utc DESC, run_id DESC LIMIT 1", ("r", reference));
        if (rows.Count == 0 && reference is not ("latest" or "previous"))
        {
            rows = store.Query($"{select} WHERE starts_with(run_id, $r) {order}", ("r", reference));
            if (rows.Count > 1)
                throw new StoreException($"run reference '{reference}' is ambiguous in {store.Path}: it starts {rows.Count} run ids ({string.Join(", ", rows.Take(5).Select(r => (string)r["run_id"]!))})");
        }
        if (rows.Count == 0)
        {
            var count = store.Scalar<long>(reference is "latest" or "previous" ? $"SELECT count(*) FROM runs WHERE {Complete}" : "SELECT count(*) FROM runs");
            var recent = store.Query($"{select} {order} LIMIT 5")
                .Select(r => (string)r["run_id"]! + ((string)r["label"]! is { Length: > 0 } l ? $" ({l})" : ""));
            throw new StoreException(count switch
            {
                0 when reference is "latest" or "previous" && store.Scalar<long>("SELECT count(*) FROM runs") > 0 =>
                    $"database {store.Path} holds only interrupted runs, which are never '{reference}': name one by its run id",
                0 => $"database {store.Path} holds no runs yet: run `observatory run` first",
                1 when reference == "previous" => $"database {store.Path} holds one run, so there is no 'previous' run to compare with: run `observatory run` again or name both runs",
                _ => $"no run matches '{reference}' in {store.Path} (give a run id, a unique prefix, a label, latest or previous); recent runs: {string.Join(", ", recent)}",
            });
        }
        var row = rows[0];
        return new StoredRun((string)row["run_id"]!, (string)row["label"]!, (DateTime)row["started_utc"]!, (string)row["fingerprint_id"]!);
    }
}
