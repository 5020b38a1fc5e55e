using System.Text;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;
using static Observatory.Reports.Site.Html;

namespace Observatory.Reports.Site;

/// <summary>
/// One page per workload variant that any stored run measured (asv style: one URL per
/// benchmark), so every link from any run's page lands. Its history spans every fingerprint:
/// each engine in each environment is its own series, with a marker where the environment changed.
/// </summary>
public static class TrendPages
{
    public static string FileName(string workload, string variant) =>
        "trend-" + string.Concat($"{workload}-{variant}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".html";

    public static IReadOnlyList<string> Render(ObservatoryStore store, string outDirectory)
    {
        var rows = store.Rows<TrendPoint>(TrendPoint.Sql);
        var synthetic = store.IsSynthetic;
        var written = new List<string>();
        foreach (var g in rows.GroupBy(r => (r.Workload, r.Variant)))
        {
            var path = Core.Naming.ResultsPaths.EnsureUnder(outDirectory, Path.Combine(outDirectory, FileName(g.Key.Workload, g.Key.Variant)));
            File.WriteAllText(path, Page(g.Key.Workload, g.Key.Variant, TrendHistory.Build(g.ToList()), store, synthetic), new UTF8Encoding(false));
            written.Add(path);
        }
        return written;
    }

    /// <summary>Rows of the "latest runs" table: a year of nights × 30 engines would make a page of megabytes; the chart and the downloads hold the rest.</summary>
    public const int HistoryRuns = 30;

    private static string Page(string workload, string variant, TrendHistory h, ObservatoryStore store, bool synthetic)
    {
        var labels = h.Runs.Select(r => string.IsNullOrEmpty(r.Label) ? r.Id[..Math.Min(15, r.Id.Length)] : r.Label!).ToList();
        var sb = new StringBuilder();
        sb.Append($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{E(workload)}/{E(variant)} — Wasm Observatory</title><style>{Style}</style>{SiteScript}</head><body>
            {SyntheticBanner(synthetic)}<p><a href="overview.html">Overview</a> · <a href="index.html">Latest run</a> · <a href="downloads.html">Downloads</a></p>
            <h1>{E(workload)} / {E(variant)}</h1>
            <p class="sub" id="history-summary">{h.Runs.Count} complete run{(h.Runs.Count == 1 ? "" : "s")} in {h.Environments.Count} environment{(h.Environments.Count == 1 ? "" : "s")}. Each engine in each environment is its own series; a dashed red line marks a change of environment.</p>
            <h2>History</h2>
            """);
        if (h.Series.Count == 0) sb.Append("<p class=\"note\" id=\"no-history\">No successful samples in a complete run yet.</p>");
        else sb.Append(TrendChart.Figure("trend-chart", h.Series, labels, h.EnvironmentChanges));
        Environments(sb, h, store);
        sb.Append("<h2>Change points</h2>\n");
        if (h.Changes.Count == 0) sb.Append($"<p class=\"note\" id=\"no-change-points\">No change point detected (needs at least {TrendHistory.MinRunsForChangePoints} runs of one engine in one environment; the penalty is scaled by the series' own noise).</p>\n");
        else
        {
            sb.Append("<table id=\"change-points\"><thead><tr><th>series</th><th>first run at new level</th><th>before</th><th>after</th><th>change</th></tr></thead><tbody>\n");
            foreach (var c in h.Changes)
                sb.Append($"<tr><td>{E(c.Series)}</td><td><code>{E(c.RunId)}</code></td><td class=\"num\">{Duration(c.BeforeNs)}</td><td class=\"num\">{Duration(c.AfterNs)}</td><td class=\"num\">{(c.AfterNs / c.BeforeNs - 1) * 100:+0.0;-0.0}%</td></tr>\n");
            sb.Append("</tbody></table>\n");
        }
        var tags = h.Runs.ToDictionary(r => r.Id, r => r.Tag);
        var order = h.Runs.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var shown = h.Runs.Count <= HistoryRuns ? "Every run" : $"The latest {HistoryRuns} of {h.Runs.Count} runs (every run is in the chart and in the downloads)";
        sb.Append($"<h2>{shown}</h2>\n<table id=\"history\" class=\"sortable\"><thead><tr><th>run</th><th>label</th><th>env</th><th>engine</th><th>outcome</th><th>median</th><th>95% CI</th></tr></thead><tbody>\n");
        var oldest = h.Runs.Count - HistoryRuns;
        foreach (var r in h.Points.Where(r => order.TryGetValue(r.RunId, out var i) && i >= oldest).OrderByDescending(r => order[r.RunId]).ThenBy(r => r.EngineId, StringComparer.Ordinal))
            sb.Append($"<tr><td><code>{E(r.RunId)}</code></td><td>{E(r.Label)}</td><td>{E(tags[r.RunId])}</td><td>{E(r.EngineId)}</td><td>{E(r.Outcome)}</td><td class=\"num\">{Duration(r.MedianNs)}</td><td class=\"num\">{Duration(r.CiLowNs)} – {Duration(r.CiHighNs)}</td></tr>\n");
        sb.Append("</tbody></table></body></html>\n");
        return sb.ToString();
    }

    /// <summary>What each environment tag stands for, so a marker on the chart can be read.</summary>
    private static void Environments(StringBuilder sb, TrendHistory h, ObservatoryStore store)
    {
        sb.Append("<h2>Environments</h2>\n<table id=\"environments\"><thead><tr><th>env</th><th>fingerprint</th><th>host</th><th>CPU</th><th>kernel</th><th>runs</th></tr></thead><tbody>\n");
        foreach (var e in h.Environments)
        {
            var f = store.Query("SELECT hostname, cpu_model, kernel FROM fingerprints WHERE fingerprint_id = $fp", ("fp", e.FingerprintId)).FirstOrDefault();
            sb.Append($"<tr data-env=\"{E(e.Tag)}\"><td>{E(e.Tag)}</td><td><code>{E(e.FingerprintId)}</code></td><td>{E(f?["hostname"])}</td><td>{E(f?["cpu_model"])}</td><td>{E(f?["kernel"])}</td><td class=\"num\">{e.Runs}</td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }
}
