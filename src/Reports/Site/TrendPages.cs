using System.Globalization;
using System.Text;
using Observatory.Core.Statistics;
using Observatory.Reports.Store;
using static Observatory.Reports.Site.Html;

namespace Observatory.Reports.Site;

/// <summary>
/// One page per workload variant (asv style: one URL per benchmark): its history over
/// every stored run with change points, and the latest run's numbers beside it. Runs
/// with another fingerprint than the latest are left out of the history, never mixed in.
/// </summary>
public static class TrendPages
{
    public static string FileName(string workload, string variant) =>
        "trend-" + string.Concat($"{workload}-{variant}".Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')) + ".html";

    public static IReadOnlyList<string> Render(ObservatoryStore store, string outDirectory, string fingerprintId)
    {
        var rows = store.Query("""
            SELECT o.workload, o.variant, o.engine_id, o.run_id, r.started_utc, r.label, o.median_ns, o.ci_low_ns, o.ci_high_ns, o.outcome
            FROM outcomes o JOIN runs r USING (run_id)
            WHERE r.fingerprint_id = $fp AND coalesce(r.status, 'complete') <> 'interrupted'
            ORDER BY o.workload, o.variant, r.started_utc, o.run_id
            """, ("fp", fingerprintId));
        var written = new List<string>();
        foreach (var g in rows.GroupBy(r => ((string)r["workload"]!, (string)r["variant"]!)))
        {
            var path = Core.Naming.ResultsPaths.EnsureUnder(outDirectory, Path.Combine(outDirectory, FileName(g.Key.Item1, g.Key.Item2)));
            File.WriteAllText(path, Page(g.Key.Item1, g.Key.Item2, g.ToList()), new UTF8Encoding(false));
            written.Add(path);
        }
        return written;
    }

    private static string Page(string workload, string variant, List<Dictionary<string, object?>> rows)
    {
        var runs = rows.Select(r => (Id: (string)r["run_id"]!, Started: r["started_utc"], Label: r["label"] as string)).Distinct().ToList();
        var runIndex = runs.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var series = new List<TrendChart.Series>();
        var changes = new List<(string Engine, string RunId, double Before, double After)>();
        foreach (var e in rows.Where(r => (string)r["outcome"]! == "ok" && r["median_ns"] is not null).GroupBy(r => (string)r["engine_id"]!))
        {
            var pts = e.Select(r => (X: (double)runIndex[(string)r["run_id"]!], Ms: Convert.ToDouble(r["median_ns"], CultureInfo.InvariantCulture) / 1e6, Run: (string)r["run_id"]!)).ToList();
            var cps = pts.Count >= 6 ? ChangePointDetector.Detect(pts.Select(p => p.Ms).ToList()).ChangePoints : [];
            series.Add(new TrendChart.Series(e.Key, pts.Select(p => p.X).ToList(), pts.Select(p => p.Ms).ToList(), cps.Select(c => c.Index).ToList()));
            changes.AddRange(cps.Select(c => (e.Key, pts[c.Index].Run, c.MeanBefore, c.MeanAfter)));
        }
        var labels = runs.Select(r => string.IsNullOrEmpty(r.Label) ? r.Id[..Math.Min(15, r.Id.Length)] : r.Label!).ToList();
        var sb = new StringBuilder();
        sb.Append($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{E(workload)}/{E(variant)} — Wasm Observatory</title><style>{Style}</style></head><body>
            <p><a href="index.html">← all results</a></p>
            <h1>{E(workload)} / {E(variant)}</h1>
            <p class="sub">{runs.Count} runs with the same fingerprint as the latest run.</p>
            <h2>History</h2>
            """);
        if (series.Count == 0) sb.Append("<p class=\"note\">No successful samples yet.</p>");
        else sb.Append("<div class=\"chart\" id=\"trend-chart\">").Append(StripXmlDeclaration(TrendChart.Svg(series, labels))).Append("</div>\n");
        sb.Append("<h2>Change points</h2>\n");
        if (changes.Count == 0) sb.Append("<p class=\"note\" id=\"no-change-points\">No change point detected (needs at least 6 runs per engine; the penalty is scaled by the series' own noise).</p>\n");
        else
        {
            sb.Append("<table id=\"change-points\"><thead><tr><th>engine</th><th>first run at new level</th><th>before</th><th>after</th><th>change</th></tr></thead><tbody>\n");
            foreach (var c in changes)
                sb.Append($"<tr><td>{E(c.Engine)}</td><td><code>{E(c.RunId)}</code></td><td class=\"num\">{c.Before:0.000} ms</td><td class=\"num\">{c.After:0.000} ms</td><td class=\"num\">{(c.After / c.Before - 1) * 100:+0.0;-0.0}%</td></tr>\n");
            sb.Append("</tbody></table>\n");
        }
        sb.Append("<h2>Every run</h2>\n<table id=\"history\"><thead><tr><th>run</th><th>label</th><th>engine</th><th>outcome</th><th>median</th><th>95% CI</th></tr></thead><tbody>\n");
        foreach (var r in rows.OrderByDescending(r => runIndex[(string)r["run_id"]!]).ThenBy(r => (string)r["engine_id"]!))
            sb.Append($"<tr><td><code>{E(r["run_id"])}</code></td><td>{E(r["label"])}</td><td>{E(r["engine_id"])}</td><td>{E(r["outcome"])}</td><td class=\"num\">{Duration(r["median_ns"])}</td><td class=\"num\">{Duration(r["ci_low_ns"])} – {Duration(r["ci_high_ns"])}</td></tr>\n");
        sb.Append("</tbody></table></body></html>\n");
        return sb.ToString();
    }
}
