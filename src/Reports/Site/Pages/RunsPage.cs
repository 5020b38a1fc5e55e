using System.Globalization;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>Every stored run, newest first, linked to its page (the recent ones) and to the comparison with the run before it on the same machine.</summary>
public sealed class RunsPage(IReadOnlyList<RunPair>? comparisons = null) : ISitePage
{
    public string FileName => "runs.html";
    public string Template => "runs";
    public string Title => "Runs";

    public object BuildModel(ObservatoryStore store)
    {
        var runs = store.Query("""
            SELECT r.run_id, r.label, r.profile, r.started_utc, r.fingerprint_id, coalesce(r.status, 'complete') AS status, f.hostname,
                   (SELECT count(*) FROM outcomes o WHERE o.run_id = r.run_id) AS cells,
                   (SELECT count(*) FROM outcomes o WHERE o.run_id = r.run_id AND o.outcome <> 'ok') AS failed
            FROM runs r LEFT JOIN fingerprints f USING (fingerprint_id)
            ORDER BY r.started_utc DESC, r.run_id DESC
            """);
        var compares = (comparisons ?? SitePages.Comparisons(store)).ToDictionary(p => p.DiffRunId);
        return new RunsModel
        {
            Runs = runs.Select((r, i) =>
            {
                var id = (string)r["run_id"]!;
                var pair = compares.GetValueOrDefault(id);
                return new RunRow(id, i < SiteRenderer.RunPages ? SiteRenderer.RunPage(id) : "", r["label"] as string ?? "", r["profile"] as string ?? "",
                    r["started_utc"] is DateTime t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                    r["hostname"] as string ?? "", r["fingerprint_id"] as string ?? "", (string)r["status"]!,
                    Convert.ToInt64(r["cells"], CultureInfo.InvariantCulture), Convert.ToInt64(r["failed"], CultureInfo.InvariantCulture),
                    pair?.FileName ?? "", pair?.BaseRunId ?? "");
            }).ToList(),
        };
    }
}

public sealed record RunsModel
{
    public IReadOnlyList<RunRow> Runs { get; init; } = [];
}

public sealed record RunRow(string RunId, string Page, string Label, string Profile, string Started, string Host, string FingerprintId, string Status,
    long Cells, long Failed, string ComparePage, string PreviousRunId);
