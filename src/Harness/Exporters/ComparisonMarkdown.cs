using System.Globalization;
using Observatory.Core.Statistics;
using Observatory.Harness.Cli;
using Observatory.Reports.Analysis;

namespace Observatory.Harness.Exporters;

/// <summary>
/// `compare --markdown`: the comparison as a pull-request comment or step summary. Slower and faster
/// cells first (what a reviewer must see), the unchanged ones folded away, and the verdict rule stated
/// so "Same" is read as "no significant difference", not as "not measured".
/// </summary>
public static class ComparisonMarkdown
{
    public static void Write(ComparisonReport r, TextWriter w)
    {
        var slower = r.Cells.Count(c => c.Verdict == Verdict.Slower);
        var faster = r.Cells.Count(c => c.Verdict == Verdict.Faster);
        w.WriteLine(r.Ab is { } ab
            ? $"### Observatory: `{ab.Head}` against `{ab.Base}` (interleaved on one runner, run {r.Base.RunId})"
            : $"### Observatory: run `{r.Diff.RunId}` against `{r.Base.RunId}`");
        w.WriteLine();
        w.WriteLine(slower > 0 ? $"**{slower} of {r.Cells.Count} cells significantly slower**, {faster} faster." : $"No cell significantly slower ({r.Cells.Count} compared, {faster} faster).");
        w.WriteLine();
        var changed = r.Cells.Where(c => c.Verdict != Verdict.Same).OrderByDescending(c => c.Verdict == Verdict.Slower).ThenByDescending(c => c.Ratio).ToList();
        if (changed.Count > 0) Table(changed, w, r.Ab is not null);
        var same = r.Cells.Where(c => c.Verdict == Verdict.Same).ToList();
        if (same.Count > 0)
        {
            w.WriteLine();
            w.WriteLine($"<details><summary>{same.Count} cells with no significant difference</summary>");
            w.WriteLine();
            Table(same, w, r.Ab is not null);
            w.WriteLine();
            w.WriteLine("</details>");
        }
        if (r.Skipped.Count > 0)
        {
            w.WriteLine();
            foreach (var s in r.Skipped) w.WriteLine($"- not compared: {s.Workload}/{s.Variant} on `{s.Engine}`: {MarkdownTable.Escape(s.Reason)}");
        }
        w.WriteLine();
        if (r.Ab is not null)
        {
            // The reusable action posts this: the reader must see how head was judged and on which metric.
            w.WriteLine($"ratio = head/base: {Commands.AbRule.Statistic}; decided on {Commands.AbRule.Metrics(r)}. {Commands.AbRule.Text(r)}.");
            return;
        }
        w.WriteLine(FormattableString.Invariant($"ratio = diff/base, metric {r.Metric.Name}; a verdict needs the whole 95% CI beyond ±{r.Threshold:0.##%}")
                    + (r.Metric.IsDeterministic ? "." : FormattableString.Invariant($" and a Benjamini-Hochberg-adjusted Mann-Whitney p < {r.Alpha:0.###}.")));
    }

    private static void Table(IEnumerable<CellComparison> cells, TextWriter w, bool ab)
    {
        // An A/B table names the metric and the paired rounds instead of the engine (always the head).
        var t = ab
            ? new MarkdownTable("workload", "metric", "ratio", "95% CI", "rounds", "p (BH)", "verdict")
            : new MarkdownTable("workload", "engine", "ratio", "95% CI", "p (BH)", "verdict");
        t.Numeric.UnionWith(["ratio", "95% CI", "rounds", "p (BH)"]);
        foreach (var c in cells)
        {
            var row = new List<string>
            {
                $"{c.Workload}/{c.Variant}", ab ? c.Metric : $"`{c.Engine}`", c.Ratio.ToString("0.000", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{c.CiLow:0.000} – {c.CiHigh:0.000}"),
            };
            if (ab) row.Add(c.Rounds?.ToString(CultureInfo.InvariantCulture) ?? "-");
            row.Add(c.PAdjusted is null ? "-" : c.PAdjusted.Value.ToString("G2", CultureInfo.InvariantCulture));
            row.Add(c.Verdict == Verdict.Slower ? "**Slower**" : c.Verdict.ToString());
            t.Add([.. row]);
        }
        t.Write(w);
    }
}
