using System.Globalization;
using System.Text;
using Observatory.Reports.Store;
using static Observatory.Reports.Site.Html;

namespace Observatory.Reports.Site;

/// <summary>
/// The report's conformance section: for the latest run of each suite (spec, wasi, sandbox), pass
/// counts per engine and feature with each engine's speed, the failing assertions
/// (file:line, expected and actual bit patterns, the engine's message), and the
/// differential check of the latest benchmark run (workloads whose output differs between engines).
/// </summary>
public static class ConformanceSection
{
    public const int MaxFailuresPerEngine = 60;

    /// <param name="suites">False: only skipped suites and the differential check (the conformance page draws the suites itself).</param>
    public static string Render(ObservatoryStore store, bool suites = true)
    {
        var sb = new StringBuilder();
        if (HasTable(store, "conformance_runs"))
        {
            // Files written before the status column have only runs that ran.
            var status = HasColumn(store, "conformance_runs", "status") ? "coalesce(status, 'ran')" : "'ran'";
            var reason = HasColumn(store, "conformance_runs", "reason") ? "reason" : "NULL";
            var latest = store.Query($"""
                SELECT * FROM (
                  SELECT *, {status} AS run_status, {reason} AS skip_reason,
                         row_number() OVER (PARTITION BY suite ORDER BY started_utc DESC, run_id DESC) AS rn FROM conformance_runs)
                WHERE rn = 1 ORDER BY suite
                """);
            var ran = store.Query($"""
                SELECT * FROM (
                  SELECT *, row_number() OVER (PARTITION BY suite ORDER BY started_utc DESC, run_id DESC) AS rn
                  FROM conformance_runs WHERE {status} = 'ran')
                WHERE rn = 1 ORDER BY suite
                """);
            foreach (var suite in latest)
            {
                var lastRan = ran.FirstOrDefault(r => Equals(r["suite"], suite["suite"]));
                if ((string)suite["run_status"]! == "skipped") Skipped(sb, suite, lastRan);
                if (lastRan is not null && suites) Suite(sb, store, lastRan);
            }
        }
        if (HasTable(store, "samples")) Differential(sb, store);
        return sb.ToString();
    }

    /// <summary>The latest attempt at a suite could not run it: say so and why, above the last results that exist.</summary>
    private static void Skipped(StringBuilder sb, Dictionary<string, object?> attempt, Dictionary<string, object?>? lastRan)
    {
        var suite = (string)attempt["suite"]!;
        sb.Append($"<h2 id=\"conformance-{E(suite)}-skipped\">Conformance: {SuiteTitle(suite)} not run</h2>\n");
        sb.Append($"<p class=\"warning\" data-suite-skipped=\"{E(suite)}\">The latest conformance run (<code>{E(attempt["run_id"])}</code>) ");
        sb.Append($"did not run the {SuiteTitle(suite)}: {E(attempt["skip_reason"])}.</p>\n");
        sb.Append(lastRan is null
            ? "<p class=\"note\">No earlier run of this suite is stored.</p>\n"
            : $"<p class=\"note\">Shown below: the last run that did, <code>{E(lastRan["run_id"])}</code>.</p>\n");
    }

    private static string SuiteTitle(string suite) =>
        suite switch { "spec" => "WebAssembly spec test suite", "sandbox" => "sandbox escapes", _ => "WASI preview1" };

    private static bool HasColumn(ObservatoryStore store, string table, string column) =>
        store.Query("SELECT 1 FROM information_schema.columns WHERE table_name = $t AND column_name = $c", ("t", table), ("c", column)).Count > 0;

    private static bool HasTable(ObservatoryStore store, string name) =>
        store.Query("SELECT 1 FROM information_schema.tables WHERE table_name = $n", ("n", name)).Count > 0;

    private static void Suite(StringBuilder sb, ObservatoryStore store, Dictionary<string, object?> run)
    {
        var id = (string)run["run_id"]!;
        var suite = (string)run["suite"]!;
        sb.Append($"<h2 id=\"conformance-{E(suite)}\">Conformance: {SuiteTitle(suite)}</h2>\n");
        sb.Append($"<p class=\"note\">Run <code>{E(id)}</code> of <code>{E(run["suite_root"])}</code> at revision <code>{E(run["revision"])}</code>. ");
        sb.Append("pass % is over the assertions an engine could run: <em>unsupported</em> (a feature the engine does not ship) and <em>not applicable</em> (a value its interface cannot carry, such as v128 through JavaScript) are counted apart.</p>\n");
        if (suite == "sandbox") SandboxVerdicts.Render(sb, store, id);

        var engines = store.Query($$"""
            SELECT s.engine, sum(total) AS total, sum(passed) AS passed, sum(failed) AS failed, sum(skipped) AS skipped,
                   sum(s.assertions) AS assertions, sum(s.modules) AS modules, sum(s.modules_failed) AS modules_failed,
                   any_value(e.wall_seconds) AS wall_seconds
            FROM ({{ConformanceStore.SummarySql}}) s LEFT JOIN conformance_engine_runs e ON e.run_id = s.run_id AND e.engine = s.engine
            WHERE s.run_id = $id GROUP BY s.engine ORDER BY s.engine
            """, ("id", id));
        sb.Append("<p class=\"note\">Every directive is counted: assertions, module directives (module, register; one that fails to instantiate is a failure) and bare actions.</p>\n");
        sb.Append($"<table class=\"conformance-engines\" data-suite=\"{E(suite)}\"><thead><tr><th>engine</th><th>total</th><th>passed</th><th>failed</th><th>skipped</th><th>pass %</th><th>assertions</th><th>module directives (failed)</th>");
        if (suite == "spec") sb.Append("<th>wall time</th><th>assertions/s</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var e in engines)
        {
            var total = L(e["total"]); var passed = L(e["passed"]); var skipped = L(e["skipped"]);
            sb.Append($"<tr><td>{E(e["engine"])}</td><td class=\"num\">{total}</td><td class=\"num\">{passed}</td><td class=\"num\">{L(e["failed"])}</td><td class=\"num\">{skipped}</td><td class=\"num\">{Pct(passed, total - skipped)}</td><td class=\"num\">{L(e["assertions"])}</td><td class=\"num\">{L(e["modules"])} ({L(e["modules_failed"])})</td>");
            if (suite == "spec")
            {
                var wall = e["wall_seconds"] is null ? (double?)null : Convert.ToDouble(e["wall_seconds"], CultureInfo.InvariantCulture);
                sb.Append($"<td class=\"num\">{(wall is null ? "" : wall.Value.ToString("0.0", CultureInfo.InvariantCulture) + " s")}</td><td class=\"num\">{(wall is > 0 ? (total / wall.Value).ToString("0", CultureInfo.InvariantCulture) : "")}</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n");

        var rows = store.Query("SELECT engine, feature, total, passed, failed, skipped FROM (" + ConformanceStore.SummarySql + ") WHERE run_id = $id ORDER BY feature, engine", ("id", id));
        var names = engines.Select(e => (string)e["engine"]!).ToList();
        sb.Append($"<table class=\"conformance-features\" data-suite=\"{E(suite)}\"><thead><tr><th>feature</th>");
        foreach (var n in names) sb.Append($"<th>{E(n)}</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var feature in rows.Select(r => (string)r["feature"]!).Distinct())
        {
            sb.Append($"<tr><td>{E(feature)}</td>");
            foreach (var n in names)
            {
                var r = rows.FirstOrDefault(x => (string)x["feature"]! == feature && (string)x["engine"]! == n);
                if (r is null) { sb.Append("<td class=\"na\">—</td>"); continue; }
                long total = L(r["total"]), passed = L(r["passed"]), failed = L(r["failed"]), skipped = L(r["skipped"]);
                var cls = failed > 0 ? "bad" : passed == 0 ? "na" : "ok";
                sb.Append($"<td class=\"num {cls}\" title=\"{failed} failed, {skipped} unsupported or not applicable\">{passed} / {total}<span class=\"ci\">{Pct(passed, total - skipped)}</span></td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n");

        var failures = store.Query("""
            SELECT * FROM (
              SELECT engine, file, line, directive, feature, outcome, expected, actual, message,
                     row_number() OVER (PARTITION BY engine ORDER BY file, line) AS rn,
                     count(*) OVER (PARTITION BY engine) AS n
              FROM conformance_results
              WHERE run_id = $id AND outcome IN ('fail', 'error', 'timeout', 'crash'))
            WHERE rn <= $max ORDER BY engine, file, line
            """, ("id", id), ("max", MaxFailuresPerEngine));
        sb.Append($"<h3>Failures (assertions and module directives)</h3>\n");
        if (failures.Count == 0) { sb.Append("<p class=\"note\">None.</p>\n"); return; }
        foreach (var g in failures.GroupBy(f => (string)f["engine"]!))
        {
            var n = L(g.First()["n"]);
            sb.Append($"<p class=\"note\">{E(g.Key)}: {n} failing{(n > MaxFailuresPerEngine ? $" (first {MaxFailuresPerEngine} shown; all are in the conformance_results table)" : "")}.</p>\n");
            sb.Append($"<table class=\"conformance-failures\" data-engine=\"{E(g.Key)}\"><thead><tr><th>file:line</th><th>directive</th><th>feature</th><th>outcome</th><th>expected</th><th>actual</th><th>message</th></tr></thead><tbody>\n");
            foreach (var f in g)
                sb.Append($"<tr><td><code>{E(f["file"])}:{E(f["line"])}</code></td><td>{E(f["directive"])}</td><td>{E(f["feature"])}</td><td class=\"bad\">{E(f["outcome"])}</td><td>{Code(f["expected"])}</td><td>{Code(f["actual"])}</td><td>{E(Cut(f["message"], 200))}</td></tr>\n");
            sb.Append("</tbody></table>\n");
        }
    }

    private static void Differential(StringBuilder sb, ObservatoryStore store)
    {
        var latest = store.Query($"SELECT run_id FROM runs WHERE {Analysis.RunReference.Complete} ORDER BY started_utc DESC, run_id DESC LIMIT 1");
        if (latest.Count == 0) return;
        var id = (string)latest[0]["run_id"]!;
        var rows = store.Query("SELECT * FROM (" + ConformanceStore.DifferentialSql + ") WHERE run_id = $id ORDER BY differs DESC, workload, variant", ("id", id));
        sb.Append("<h2 id=\"differential\">Differential check: same output on every engine?</h2>\n");
        sb.Append($"<p class=\"note\">For run <code>{E(id)}</code>: the distinct stdout hashes of each workload over the samples that ran to completion (ok or wrong output). More than one means engines disagree.</p>\n");
        if (rows.Count == 0) { sb.Append("<p class=\"note\">No completed samples with an output hash.</p>\n"); return; }
        sb.Append("<table id=\"differential-table\"><thead><tr><th>workload</th><th>variant</th><th>distinct outputs</th><th>verdict</th><th>engine = stdout sha256 (prefix)</th></tr></thead><tbody>\n");
        foreach (var r in rows)
        {
            var differs = r["differs"] is true;
            sb.Append($"<tr data-differs=\"{(differs ? "true" : "false")}\"><td>{E(r["workload"])}</td><td>{E(r["variant"])}</td><td class=\"num\">{E(r["distinct_outputs"])}</td><td class=\"{(differs ? "bad" : "ok")}\">{(differs ? "outputs differ" : "agree")}</td><td><code>{E(r["outputs"])}</code></td></tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }

    // sum() over BIGINT comes back as HUGEINT (BigInteger) from DuckDB.
    private static long L(object? v) => v switch
    {
        null => 0,
        System.Numerics.BigInteger b => (long)b,
        _ => Convert.ToInt64(v, CultureInfo.InvariantCulture),
    };

    private static string Pct(long a, long b) => b <= 0 ? "—" : (100.0 * a / b).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Code(object? v) => v is string s && s.Length > 0 ? $"<code>{E(Cut(s))}</code>" : "";

    private static string? Cut(object? v, int max = 90)
    {
        var s = v as string;
        return s is null || s.Length <= max ? s : s[..(max - 1)] + "…";
    }
}
