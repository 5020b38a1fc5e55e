using System.Globalization;
using System.Text;
using Observatory.Reports.Store;
using static Observatory.Reports.Site.Html;

namespace Observatory.Reports.Site;

/// <summary>
/// Renders the static site (inline SVG; no network) from the store: the pages of
/// <see cref="Pages.SitePages"/> (index.html is the overview), and one page per recent run
/// with its workload x engine matrix (medians, CIs, ratios to native), the ratio chart, the
/// engines (including those that could not run, and why) and the environment.
/// </summary>
public static class SiteRenderer
{
    /// <summary>How many recent runs get a page of their own (index.html is the chosen or latest one).</summary>
    public const int RunPages = 30;

    /// <summary>
    /// Writes the whole site. index.html is the overview; every recent run has its page
    /// (run-*.html, listed on runs.html). Returns the page of the run the site is built around
    /// (the chosen or latest one), or index.html when the store holds no run.
    /// </summary>
    /// <remarks>
    /// What many pages share is read once (<see cref="SiteData"/>), then the pages render on every core,
    /// each thread reading through its own connection (<see cref="SiteJob.RunAll"/>). With
    /// <c>OBSERVATORY_PROFILE=1</c> the time of each page family goes to standard error (<see cref="SiteProfile"/>).
    /// </remarks>
    /// <param name="threads">Pages rendered at once; default: one per core.</param>
    public static string Render(ObservatoryStore store, string outDirectory, string? runId = null, string? workloadsDirectory = null, int? threads = null)
    {
        var profile = SiteProfile.FromEnvironment();
        var workers = Math.Max(1, threads ?? SiteJob.DefaultThreads);
        Directory.CreateDirectory(outDirectory);
        SiteAssets.WriteTo(SiteAssets.Script, outDirectory);
        var data = profile.Measure("read: front run", () => ReportData.Load(store, runId));
        var synthetic = store.IsSynthetic;
        var front = Path.Combine(outDirectory, "index.html");
        var jobs = new List<SiteJob> { DownloadsJob(outDirectory, synthetic) };
        if (data is null)
        {
            jobs.AddRange(Pages.SitePages.ForEmptyStore(runId, synthetic));
            SiteJob.RunAll(store, outDirectory, jobs, profile, workers);
            profile.WriteTo(Console.Error);
            return front;
        }
        var site = SiteData.Load(store, data, runId, workloadsDirectory, synthetic, profile, workers);
        var frontId = (string)data.Run["run_id"]!;
        foreach (var r in data.Runs.Take(RunPages))
        {
            var id = (string)r["run_id"]!;
            // Run ids come from bundles: the page name is sanitised (RunPage), and the job's guard keeps it inside the site.
            jobs.Add(new SiteJob("run pages", [RunPage(id)],
                s => Page(id == frontId ? data : ReportData.Load(s, id)!, site), 5));
        }
        jobs.AddRange(Pages.SitePages.For(site));
        SiteJob.RunAll(store, outDirectory, jobs, profile, workers);
        profile.WriteTo(Console.Error);
        return Path.Combine(outDirectory, RunPage(frontId));
    }

    /// <summary>downloads.html and the files it links: every table as Parquet and CSV, and the schema's documentation.</summary>
    private static SiteJob DownloadsJob(string outDirectory, bool synthetic) => new("downloads (every table as Parquet and CSV)", [Downloads.DownloadsPage.Page], store =>
    {
        var tables = Downloads.StoreExport.Write(store, outDirectory);
        SiteAssets.WriteTo(SiteAssets.SchemaDoc, outDirectory, $"{Downloads.StoreExport.Directory}/{SiteAssets.SchemaDoc}");
        var page = new Downloads.DownloadsPage(tables);
        return Pages.SiteTemplates.Render(page, store, page.Title, synthetic);
    }, 100);

    public static string RunPage(string runId) => $"run-{string.Concat(runId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'))}.html";

    private static string Page(ReportData d, SiteData site)
    {
        var sb = new StringBuilder();
        var run = d.Run;
        sb.Append($"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Wasm Observatory — run {E(run["run_id"])}</title><style>{Style}</style>{SiteScript}</head><body>
            {SyntheticBanner(site.Synthetic)}<h1>Wasm Observatory</h1>
            <nav class="site">{Pages.SiteNavigation.Links}</nav>
            <p class="sub">Run <code id="run-id">{E(run["run_id"])}</code>{(string.IsNullOrEmpty(run["label"] as string) ? "" : $" ({E(run["label"])})")}
            · profile {E(run["profile"])} · started {E(Stamp(run["started_utc"]))} UTC · fingerprint <code>{E(run["fingerprint_id"])}</code></p>
            """);
        Matrix(sb, d);
        RegionsSection.Render(sb, d);
        Chart(sb, d);
        Engines(sb, d);
        Environment(sb, d);
        History(sb, d);
        sb.Append(site.ConformanceHtml);
        sb.Append("<p class=\"note\">Generated by observatory from the DuckDB store; every number traces to the <code>samples</code> table.</p></body></html>\n");
        return sb.ToString();
    }

    private static void Matrix(StringBuilder sb, ReportData d)
    {
        var engines = d.Engines.Where(e => d.Cells.Any(c => Equals(c["engine_id"], e["engine_id"]))).Select(e => (string)e["engine_id"]!).ToList();
        var rows = d.Cells.Select(c => ((string)c["workload"]!, (string)c["variant"]!)).Distinct().ToList();
        sb.Append("<h2>Results: median time per workload and engine</h2>\n");
        sb.Append("<p class=\"note\">Median of the bench-marked region over warm samples (marked <em>execute</em> where the engine cannot time the region and the execute phase is shown instead), its 95% confidence interval, and the ratio to native code (1.00× = native speed; lower is faster). A ratio compares the same span on both sides; where it cannot (an execute-phase cell against native's bench region) it says so and is left out of the chart. Failed cells show their outcome; hover for the reason.</p>\n");
        // Many engines and few workloads (the engine matrix) read better with engines as rows.
        var enginesAsRows = engines.Count > rows.Count && engines.Count > 8;
        sb.Append($"<table id=\"matrix\" data-layout=\"{(enginesAsRows ? "engines-as-rows" : "workloads-as-rows")}\"><thead><tr>");
        if (enginesAsRows)
        {
            sb.Append("<th>engine</th>");
            foreach (var (w, v) in rows) sb.Append($"<th><a href=\"{E(TrendPages.FileName(w, v))}\">{E(w)}</a> / {E(v)}</th>");
            sb.Append("</tr></thead><tbody>\n");
            foreach (var e in engines)
            {
                sb.Append($"<tr><td>{E(e)}</td>");
                foreach (var (w, v) in rows) MatrixCell(sb, d, w, v, e);
                sb.Append("</tr>\n");
            }
        }
        else
        {
            sb.Append("<th>workload</th><th>variant</th>");
            foreach (var e in engines) sb.Append($"<th>{E(e)}</th>");
            sb.Append("</tr></thead><tbody>\n");
            foreach (var (w, v) in rows)
            {
                sb.Append($"<tr><td><a href=\"{E(TrendPages.FileName(w, v))}\">{E(w)}</a></td><td>{E(v)}</td>");
                foreach (var e in engines) MatrixCell(sb, d, w, v, e);
                sb.Append("</tr>\n");
            }
        }
        sb.Append("</tbody></table>\n");

        sb.Append("<h2>Phases, CPU, memory and harness overhead</h2>\n");
        sb.Append("<p class=\"note\">Medians. <em>cold start</em> is a fresh engine process end to end (first iteration); <em>CPU</em> is the CPU time of the bench region; <em>overhead</em> is what the same engine spends on the noop workload (region / cold start), so harness time is not mistaken for runtime time.</p>\n");
        sb.Append("<table id=\"phases\" class=\"sortable\"><thead><tr><th>workload</th><th>variant</th><th>engine</th><th>compile</th><th>instantiate</th><th>CPU</th><th>cold start</th><th>overhead</th><th>peak RSS</th><th>linear memory</th><th>processes</th><th>samples</th></tr></thead><tbody>\n");
        foreach (var c in d.Cells.Where(c => (string)c["outcome"]! == "ok"))
        {
            var overhead = c["overhead_region_ns"] is null && c["overhead_total_ns"] is null ? ""
                : $"{Duration(c["overhead_region_ns"])} / {Duration(c["overhead_total_ns"])}";
            var linear = c["max_linear_memory_bytes"] is { } lm ? Kb(Convert.ToDouble(lm, CultureInfo.InvariantCulture) / 1024) : "";
            sb.Append($"<tr><td>{E(c["workload"])}</td><td>{E(c["variant"])}</td><td>{E(c["engine_id"])}</td><td class=\"num\">{Duration(c["median_compile_ns"])}</td><td class=\"num\">{Duration(c["median_instantiate_ns"])}</td><td class=\"num\">{Duration(c["median_cpu_ns"])}</td><td class=\"num\">{Duration(c["cold_total_median_ns"])}</td><td class=\"num\">{overhead}</td><td class=\"num\">{Kb(c["max_peak_rss_kb"])}</td><td class=\"num\">{linear}</td><td class=\"num\">{E(c["processes"])}</td><td class=\"num\">{E(c["samples"])}</td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }

    private static void MatrixCell(StringBuilder sb, ReportData d, string w, string v, string e)
    {
        var c = d.CellAt(w, v, e);
        if (c is null) { sb.Append("<td class=\"na\">—</td>"); return; }
        var outcome = (string)c["outcome"]!;
        if (outcome != "ok")
        {
            sb.Append($"<td class=\"bad\" data-outcome=\"{E(outcome)}\" title=\"{E(c["message"])}\">{E(outcome)}</td>");
            return;
        }
        var span = d.SpanAt(w, v, e)?.Span;
        sb.Append($"<td class=\"num ok\" data-outcome=\"ok\" data-median-ns=\"{E(c["median_ns"])}\">{Duration(c["median_ns"])}");
        if (span == "execute") sb.Append("<span class=\"ci\">execute phase</span>");
        sb.Append($"<span class=\"ci\">{Duration(c["ci_low_ns"])} – {Duration(c["ci_high_ns"])}</span>");
        if (d.RatioFor(c) is { } r) sb.Append($"<span class=\"ratio\" data-span=\"{E(r.Span)}\">{Ratio(r.Value)} {E(r.Caption)}</span>");
        sb.Append("</td>");
    }

    private static void Chart(StringBuilder sb, ReportData d)
    {
        // The overhead probe (noop) does no work: its ratio compares harness costs, not code.
        var probe = d.Run.GetValueOrDefault("overhead_workload") as string;
        // Only ratios of like spans: never an execute phase over native's bench region.
        var bars = d.Cells.Where(c => (string)c["outcome"]! == "ok" && (string?)c["workload"] != probe)
            .Select(c => (Cell: c, Ratio: d.RatioFor(c)))
            .Where(x => x.Ratio is { Comparable: true })
            .Select(x => new RatioChart.Bar($"{x.Cell["workload"]}/{x.Cell["variant"]}", (string)x.Cell["engine_id"]!,
                x.Ratio!.Value, x.Ratio.Low ?? x.Ratio.Value, x.Ratio.High ?? x.Ratio.Value))
            .ToList();
        sb.Append("<h2>Slowdown relative to native</h2>\n");
        if (bars.Count == 0) { sb.Append("<p class=\"note\">No cell has a native baseline to compare with.</p>\n"); return; }
        sb.Append(RatioChart.Figure("ratio-chart", bars));
    }

    private static void Engines(StringBuilder sb, ReportData d)
    {
        sb.Append("<h2>Engines</h2>\n<table id=\"engines\" class=\"sortable\"><thead><tr><th>id</th><th>family</th><th>version</th><th>tier</th><th>flags</th><th>source</th><th>status</th><th>reason</th></tr></thead><tbody>\n");
        foreach (var e in d.Engines)
            sb.Append($"<tr><td>{E(e["engine_id"])}</td><td>{E(e["family"])}</td><td>{E(e["version"])}</td><td>{E(e["tier"])}</td><td>{E(e["flags"])}</td><td>{E(e["source"])}</td><td>{E(e["status"])}</td><td>{E(e["reason"])}</td></tr>\n");
        sb.Append("</tbody></table>\n");
    }

    private static void Environment(StringBuilder sb, ReportData d)
    {
        sb.Append("<h2>Environment</h2>\n<table id=\"environment\"><tbody>\n");
        foreach (var (k, v) in d.Fingerprint)
        {
            var text = k == "cpu_flags" && v is string s && s.Length > 120 ? s[..120] + " …" : v;
            sb.Append($"<tr><th>{E(k)}</th><td>{E(text)}</td></tr>\n");
        }
        sb.Append("</tbody></table>\n<h3>Workload artifacts</h3>\n<table id=\"workloads\"><thead><tr><th>workload</th><th>variant</th><th>category</th><th>language</th><th>wasm bytes</th><th>wasm sha256</th><th>args</th></tr></thead><tbody>\n");
        foreach (var w in d.Workloads)
            sb.Append($"<tr><td>{E(w["workload"])}</td><td>{E(w["variant"])}</td><td>{E(w["category"])}</td><td>{E(w["language"])}</td><td class=\"num\">{E(w["wasm_bytes"])}</td><td><code>{E(((string?)w["wasm_sha256"])?[..16])}</code></td><td><code>{E(w["args"])}</code></td></tr>\n");
        sb.Append("</tbody></table>\n");
    }

    private static void History(StringBuilder sb, ReportData d)
    {
        sb.Append("<h2>Runs in this database</h2>\n<table id=\"runs\" class=\"sortable\"><thead><tr><th>run</th><th>label</th><th>profile</th><th>started (UTC)</th><th>fingerprint</th></tr></thead><tbody>\n");
        foreach (var r in d.Runs.Take(50))
        {
            var id = (string)r["run_id"]!;
            var cell = d.Runs.IndexOf(r) < RunPages ? $"<a href=\"{E(RunPage(id))}\"><code>{E(id)}</code></a>" : $"<code>{E(id)}</code>";
            sb.Append($"<tr><td>{cell}</td><td>{E(r["label"])}</td><td>{E(r["profile"])}</td><td>{E(Stamp(r["started_utc"]))}</td><td><code>{E(r["fingerprint_id"])}</code></td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }

    private static string Kb(object? kb) => kb is null ? "" : (Convert.ToDouble(kb, CultureInfo.InvariantCulture) / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    private static string Stamp(object? t) => t is DateTime dt ? dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : Convert.ToString(t, CultureInfo.InvariantCulture) ?? "";

}
