using System.Globalization;
using Observatory.Core.Statistics;
using Observatory.Core.Units;
using Observatory.Reports.Analysis;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// Two stored runs side by side, cell by cell: medians, the ratio with its bootstrap 95% CI, the
/// p-value (Benjamini-Hochberg adjusted) and a verdict that says "same" unless the change is both
/// significant and beyond the threshold (the same <see cref="RunComparer"/> as `observatory compare`).
/// The site precomputes one per consecutive pair of runs on one machine; `compare A B --html` writes any other.
/// </summary>
public sealed class ComparePage(string baseRunId, string diffRunId, string? fileName = null, bool allowDifferentFingerprints = false) : ISitePage
{
    public string FileName => fileName ?? RunPair.ComparePageName(baseRunId, diffRunId);
    public string Template => "compare";
    public string Title => $"{baseRunId} → {diffRunId}";

    public object BuildModel(ObservatoryStore store)
    {
        var b = RunReference.Resolve(store, baseRunId);
        var d = RunReference.Resolve(store, diffRunId);
        ComparisonReport report;
        try { report = RunComparer.Compare(store, b, d, ComparisonMetric.Auto, allowDifferentFingerprints: allowDifferentFingerprints); }
        catch (FingerprintMismatchException e)
        {
            return new CompareModel { BaseRunId = b.RunId, DiffRunId = d.RunId, Refused = e.Message };
        }
        return FromReport(report);
    }

    public static CompareModel FromReport(ComparisonReport r)
    {
        string V(double x) => r.Metric.IsDeterministic ? x.ToString("N0", CultureInfo.InvariantCulture) : TimeText.Duration(x);
        string F(double? x, string format) => x?.ToString(format, CultureInfo.InvariantCulture) ?? "";
        return new CompareModel
        {
            BaseRunId = r.Base.RunId, DiffRunId = r.Diff.RunId, BaseLabel = r.Base.Label, DiffLabel = r.Diff.Label,
            BaseRunPage = SiteRenderer.RunPage(r.Base.RunId), DiffRunPage = SiteRenderer.RunPage(r.Diff.RunId),
            Metric = $"{r.Metric.Name}: {r.Metric.Description}",
            Rule = string.Create(CultureInfo.InvariantCulture, $"a cell is slower or faster only when the change is significant (adjusted p < {r.Alpha:0.###}) and its whole 95% CI lies beyond ±{r.Threshold * 100:0.#}%"),
            FingerprintDifferences = r.FingerprintDifferences,
            Slower = r.Cells.Count(c => c.Verdict == Verdict.Slower),
            Faster = r.Cells.Count(c => c.Verdict == Verdict.Faster),
            Same = r.Cells.Count(c => c.Verdict == Verdict.Same),
            // Largest changes first: what a reader of a nightly comparison looks for.
            Cells = r.Cells.OrderBy(c => c.Verdict == Verdict.Same).ThenByDescending(c => Math.Abs(Math.Log(Math.Max(c.Ratio, 1e-12))))
                .Select(c => new CompareRow(c.Workload, c.Variant, TrendPages.FileName(c.Workload, c.Variant), c.Engine, c.Metric,
                    V(c.BaseMedian), V(c.DiffMedian), c.Ratio.ToString("0.000", CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{c.CiLow:0.000} – {c.CiHigh:0.000}"),
                    F(c.P, "0.0000"), F(c.PAdjusted, "0.0000"), c.Verdict.ToString().ToLowerInvariant(), c.Reason,
                    c.Ratio.ToString("R", CultureInfo.InvariantCulture))).ToList(),
            Skipped = r.Skipped.Select(s => new SkippedRow(s.Workload, s.Variant, s.Engine, s.Reason)).ToList(),
        };
    }
}

public sealed record CompareModel
{
    public string BaseRunId { get; init; } = "";
    public string DiffRunId { get; init; } = "";
    public string BaseLabel { get; init; } = "";
    public string DiffLabel { get; init; } = "";
    public string BaseRunPage { get; init; } = "";
    public string DiffRunPage { get; init; } = "";
    /// <summary>Set when the runs were measured under different fingerprints and no comparison was made.</summary>
    public string Refused { get; init; } = "";
    public string Metric { get; init; } = "";
    public string Rule { get; init; } = "";
    public IReadOnlyList<string> FingerprintDifferences { get; init; } = [];
    public int Slower { get; init; }
    public int Faster { get; init; }
    public int Same { get; init; }
    public IReadOnlyList<CompareRow> Cells { get; init; } = [];
    public IReadOnlyList<SkippedRow> Skipped { get; init; } = [];
}

public sealed record CompareRow(string Workload, string Variant, string WorkloadPage, string Engine, string Metric, string Base, string Diff,
    string Ratio, string Ci, string P, string PAdjusted, string Verdict, string Reason, string RatioValue);
public sealed record SkippedRow(string Workload, string Variant, string Engine, string Reason);
