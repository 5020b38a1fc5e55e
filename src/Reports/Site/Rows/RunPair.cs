namespace Observatory.Reports.Site.Rows;

/// <summary>
/// Two consecutive complete runs measured under the same fingerprint (the same machine and
/// setup): the pairs whose comparison the site precomputes, nightly "yesterday against today".
/// </summary>
public sealed record RunPair
{
    public string BaseRunId { get; init; } = "";
    public string DiffRunId { get; init; } = "";
    public DateTime DiffStartedUtc { get; init; }

    public string FileName => ComparePageName(BaseRunId, DiffRunId);

    public static string ComparePageName(string baseRunId, string diffRunId) =>
        "compare-" + string.Concat($"{baseRunId}--{diffRunId}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".html";

    public const string Sql = """
        WITH ordered AS (
            SELECT run_id, started_utc, fingerprint_id,
                   lag(run_id) OVER (PARTITION BY fingerprint_id ORDER BY started_utc, run_id) AS previous
            FROM runs WHERE coalesce(status, 'complete') <> 'interrupted')
        SELECT previous AS BaseRunId, run_id AS DiffRunId, started_utc AS DiffStartedUtc
        FROM ordered WHERE previous IS NOT NULL
          -- Both runs among those with a page of their own ($Pages newest: SiteRenderer.RunPages), so the comparison's links resolve.
          AND run_id IN (SELECT run_id FROM runs ORDER BY started_utc DESC, run_id DESC LIMIT $Pages)
          AND previous IN (SELECT run_id FROM runs ORDER BY started_utc DESC, run_id DESC LIMIT $Pages)
        ORDER BY started_utc DESC, run_id DESC
        """;
}
