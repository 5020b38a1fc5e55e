using System.Globalization;
using System.Text;
using Observatory.Core.Runs;
using static Observatory.Reports.Site.Html;

namespace Observatory.Reports.Site;

/// <summary>
/// "Regions and throughput": one row per workload / variant / named region, one column per
/// engine, each cell the rate (tokens/s, instances/s) with its ratio to native's rate, or the
/// median time when the region's work is not counted. Plain HTML, no script.
/// </summary>
public static class RegionsSection
{
    public static void Render(StringBuilder sb, ReportData d)
    {
        if (d.Regions.Count == 0) return;
        var engines = d.Engines.Select(e => (string)e["engine_id"]!).Where(e => d.Regions.Any(r => (string)r["engine_id"]! == e)).ToList();
        var rows = d.Regions.Select(r => ((string)r["workload"]!, (string)r["variant"]!, Convert.ToInt32(r["region_index"], CultureInfo.InvariantCulture)))
            .Distinct().OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.Item3).ToList();
        sb.Append("<h2>Regions and throughput</h2>\n");
        sb.Append("<p class=\"note\">Each bench.start/bench.end span of a workload, named by its <code>[[regions]]</code>: the rate is the region's work (count × unit, read from the verified stdout or fixed) over its median time on warm samples; × native is the engine's rate relative to native code's (above 1 = more work per second than native). Without a count, the median time is shown with its ratio to native's time (below 1 = faster). Hover for the median and its 95% CI.</p>\n");
        sb.Append("<table id=\"regions\"><thead><tr><th>workload</th><th>variant</th><th>region</th><th>work</th>");
        foreach (var e in engines) sb.Append($"<th>{E(e)}</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var (w, v, i) in rows)
        {
            var cells = d.Regions.Where(r => (string)r["workload"]! == w && (string)r["variant"]! == v && Convert.ToInt32(r["region_index"], CultureInfo.InvariantCulture) == i).ToList();
            var first = cells[0];
            var work = first["count"] is { } n ? $"{Convert.ToInt64(n, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture)} {first["unit"]}" : "";
            var native = cells.FirstOrDefault(r => d.Engines.Any(e => Equals(e["engine_id"], r["engine_id"]) && e["is_native"] is true));
            sb.Append($"<tr data-region=\"{E(first["name"])}\"><td>{E(w)}</td><td>{E(v)}</td><td>{E(first["name"])}</td><td class=\"num\">{E(work)}</td>");
            foreach (var e in engines)
            {
                var r = cells.FirstOrDefault(x => (string)x["engine_id"]! == e);
                if (r is null) { sb.Append("<td class=\"na\">—</td>"); continue; }
                var title = $"median {Duration(r["median_ns"])}, 95% CI {Duration(r["ci_low_ns"])} – {Duration(r["ci_high_ns"])}, {r["samples"]} samples";
                sb.Append($"<td class=\"num ok\" data-engine=\"{E(e)}\" title=\"{E(title)}\">");
                if (r["rate_per_second"] is { } rate)
                {
                    sb.Append(E(RegionSummary.FormatRate(Convert.ToDouble(rate, CultureInfo.InvariantCulture), r["unit"] as string)));
                    if (native?["rate_per_second"] is { } nr && Convert.ToDouble(nr, CultureInfo.InvariantCulture) > 0)
                        sb.Append($"<span class=\"ratio\">{Ratio(Convert.ToDouble(rate, CultureInfo.InvariantCulture) / Convert.ToDouble(nr, CultureInfo.InvariantCulture))} native rate</span>");
                }
                else
                {
                    sb.Append(Duration(r["median_ns"]));
                    if (native?["median_ns"] is { } nm && Convert.ToDouble(nm, CultureInfo.InvariantCulture) > 0 && r["median_ns"] is { } m)
                        sb.Append($"<span class=\"ratio\">{Ratio(Convert.ToDouble(m, CultureInfo.InvariantCulture) / Convert.ToDouble(nm, CultureInfo.InvariantCulture))} native time</span>");
                }
                sb.Append($"<span class=\"ci\">{Duration(r["median_ns"])}</span></td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table>\n");
    }
}
