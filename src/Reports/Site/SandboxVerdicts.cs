using System.Text;
using Observatory.Reports.Store;
using static Observatory.Reports.Site.Html;

namespace Observatory.Reports.Site;

/// <summary>
/// The sandbox suite's conclusion in sentences, one per engine and escape it allowed on its own
/// WASI ("node-26.10.0/default: follows symlinks the host placed in the preopen out of it —
/// contained by the OS sandbox"), from the two directives the suite stores per test:
/// engine-wasi (the engine alone) and os-sandbox (inside bubblewrap). A failed test is an escape.
/// </summary>
public static class SandboxVerdicts
{
    public static void Render(StringBuilder sb, ObservatoryStore store, string runId)
    {
        var rows = store.Query("""
            SELECT engine, feature,
                   bool_or(directive = 'engine-wasi' AND outcome = 'fail') AS alone_escapes,
                   bool_or(directive = 'os-sandbox' AND outcome = 'fail') AS sandboxed_escapes,
                   bool_or(directive = 'os-sandbox' AND outcome = 'pass') AS sandboxed_held
            FROM conformance_results WHERE run_id = $id AND is_assertion
            GROUP BY engine, feature ORDER BY engine, feature
            """, ("id", runId));
        sb.Append("<p class=\"note\">Each test is run twice per engine: on the engine's own WASI alone (what it would let a module do unsandboxed) and inside the OS sandbox (bubblewrap: what the observatory lets it do).</p>\n");
        sb.Append("<ul class=\"sandbox-verdicts\">\n");
        var escapes = rows.Where(r => r["alone_escapes"] is true).ToList();
        foreach (var r in escapes)
        {
            var (cls, verdict) = r["sandboxed_escapes"] is true ? ("bad", "NOT contained: the module reached the host")
                : r["sandboxed_held"] is true ? ("ok", "contained by the OS sandbox")
                : ("na", "the OS sandbox was off");
            sb.Append($"<li class=\"{cls}\" data-engine=\"{E(r["engine"])}\">{E(r["engine"])}: {E(r["feature"])} — {verdict}</li>\n");
        }
        var held = rows.GroupBy(r => (string)r["engine"]!).Where(g => g.All(r => r["alone_escapes"] is not true)).Select(g => g.Key).ToList();
        if (held.Count > 0)
            sb.Append($"<li class=\"ok\">Refused every attempt on their own WASI: {E(string.Join(", ", held))}</li>\n");
        sb.Append("</ul>\n");
    }
}
