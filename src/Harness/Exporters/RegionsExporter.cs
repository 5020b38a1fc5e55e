using System.Globalization;
using Observatory.Core.Runs;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Exporters;

/// <summary>
/// The regions block: per cell, each named region's median, CI and rate (e.g. "prefill 128 tokens
/// 41.2 ms 3,107 tokens/s"). Narrow by default: each workload/variant heads its group of rows and
/// the CI is relative, so it fits <see cref="ConsoleSummaryExporter.Width"/> columns; wide mode
/// keeps workload and variant on every row and the CI as a range.
/// </summary>
public sealed class RegionsExporter : IRunExporter
{
    private const int Gap = 2, MinEngine = 20, MinRegion = 12;

    public bool Wide { get; init; }

    public string Name => "regions";

    public void Export(RunInfo run, TextWriter w)
    {
        if (run.Regions.Count == 0) return;
        w.WriteLine();
        w.WriteLine("regions");
        var regions = run.Regions.OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal).ThenBy(r => r.Index)
            .ThenBy(r => r.Engine == "native" ? 0 : 1).ThenBy(r => r.Engine, StringComparer.Ordinal).ToList();
        if (Wide) WriteWide(run, regions, w);
        else WriteNarrow(run, regions, w);
    }

    private static void WriteWide(RunInfo run, List<RegionSummary> regions, TextWriter w)
    {
        var t = new TextTable("workload", "variant", "engine", "region", "work", "median", "95% CI", "rate", "vs native");
        foreach (var r in regions)
            t.Add(r.Workload, r.Variant, r.Engine, r.Name, Work(r), Units.Duration(r.MedianNs),
                r.CiLowNs is null ? "" : $"{Units.Duration(r.CiLowNs)} .. {Units.Duration(r.CiHighNs)}",
                RegionSummary.FormatRate(r.RatePerSecond, r.Unit), Versus(run, r));
        t.Write(w);
        w.WriteLine("regions = each bench.start/bench.end span in call order, named by the workload's [[regions]] (extra spans: \"region N\");");
        w.WriteLine("median over warm samples with its 95% CI; rate = work / median seconds; vs native = the rate relative to native's (above 1 = faster),");
        w.WriteLine("or for a region without a count its time relative to native's (below 1 = faster).");
    }

    private static void WriteNarrow(RunInfo run, List<RegionSummary> regions, TextWriter w)
    {
        string[] headers = ["workload / engine", "region", "work", "median", "95% CI", "rate", "vs native"];
        var rows = regions.Select(r => (r, Work: Work(r), Median: Units.Duration(r.MedianNs), Ci: CellText.RelativeHalfWidth(r.MedianNs, r.CiLowNs, r.CiHighNs),
            Rate: RegionSummary.FormatRate(r.RatePerSecond, r.Unit), Versus: Versus(run, r))).ToList();
        int Widest(IEnumerable<string> xs, string h) => xs.Select(x => x.Length).Append(h.Length).Max();
        var room = ConsoleSummaryExporter.Width - (headers.Length - 1) * Gap - Widest(rows.Select(x => x.Work), headers[2]) - Widest(rows.Select(x => x.Median), headers[3])
                   - Widest(rows.Select(x => x.Ci), headers[4]) - Widest(rows.Select(x => x.Rate), headers[5]) - Widest(rows.Select(x => x.Versus), headers[6]);
        var regionWidth = Math.Max(MinRegion, Math.Min(Widest(regions.Select(r => r.Name), headers[1]), room / 3));
        // Engine rows are indented under their workload/variant heading.
        var engines = NameShortener.Fit(regions.Select(r => r.Engine), Math.Max(MinEngine, room - regionWidth - 2));
        var groups = NameShortener.Fit(regions.Select(r => $"{r.Workload}/{r.Variant}"), Math.Max(MinEngine, room - regionWidth));

        var t = new TextTable(headers);
        string? group = null;
        foreach (var x in rows)
        {
            var g = $"{x.r.Workload}/{x.r.Variant}";
            if (g != group)
            {
                if (group is not null) t.Add();
                t.Add(groups[g]);
                group = g;
            }
            t.Add("  " + engines[x.r.Engine], CellText.Cut(x.r.Name, regionWidth), x.Work, x.Median, x.Ci, x.Rate, x.Versus);
        }
        t.Write(w);
        w.WriteLine("region = a bench.start/bench.end span in call order, named by the workload's [[regions]]");
        w.WriteLine("(others: \"region N\"); work = what it processes; median over warm samples with its 95% CI as in");
        w.WriteLine("the summary; rate = work / median; vs native = rate / native's rate (above 1 = faster), or for");
        w.WriteLine("a region without work its time / native's time (below 1 = faster)");
    }

    private static string Work(RegionSummary r) => r.Count is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n:N0} {r.Unit}") : "";

    /// <summary>With a count: the rate relative to native's (above 1 = more work per second); without one: the time ratio, as in the summary.</summary>
    private static string Versus(RunInfo run, RegionSummary r)
    {
        var native = run.Regions.FirstOrDefault(n => n.Engine == "native" && n.Workload == r.Workload && n.Variant == r.Variant && n.Index == r.Index);
        return native?.MedianNs is not > 0 || r.MedianNs is not > 0 ? ""
            : r.RatePerSecond is { } rate && native.RatePerSecond is > 0
                ? (rate / native.RatePerSecond.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x rate"
                : (r.MedianNs.Value / native.MedianNs.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x time";
    }
}
