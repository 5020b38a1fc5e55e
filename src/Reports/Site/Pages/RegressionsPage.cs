using System.Globalization;
using Observatory.Core.Units;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// Every change point across every series (workload variant × engine × environment), newest
/// first, each linked to the chart it was found in: the page a runtime maintainer checks after a nightly.
/// </summary>
/// <remarks>A site passes the histories its workload pages were built from; alone, the page builds them itself.</remarks>
public sealed class RegressionsPage(IReadOnlyList<WorkloadHistory>? histories = null) : ISitePage
{
    public string FileName => "regressions.html";
    public string Template => "regressions";
    public string Title => "Regressions";

    public object BuildModel(ObservatoryStore store)
    {
        var all = histories ?? TrendPages.Histories(store);
        var started = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var p in all.SelectMany(h => h.Points)) started.TryAdd(p.RunId, p.StartedUtc);
        var rows = new List<RegressionRow>();
        foreach (var g in all)
        {
            foreach (var c in g.History.Changes)
            {
                var change = c.AfterNs / c.BeforeNs - 1;
                rows.Add(new RegressionRow(started[c.RunId], g.Workload, g.Variant, TrendPages.FileName(g.Workload, g.Variant), c.Series, c.RunId,
                    started[c.RunId].ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeText.Duration(c.BeforeNs), TimeText.Duration(c.AfterNs),
                    string.Create(CultureInfo.InvariantCulture, $"{change * 100:+0.0;-0.0}%"), change > 0 ? "slower" : "faster",
                    change.ToString("R", CultureInfo.InvariantCulture)));
            }
        }
        return new RegressionsModel
        {
            Runs = started.Count,
            MinRuns = TrendHistory.MinRunsForChangePoints,
            Rows = rows.OrderByDescending(r => r.At).ThenBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Series, StringComparer.Ordinal).ToList(),
        };
    }
}

public sealed record RegressionsModel
{
    public int Runs { get; init; }
    public int MinRuns { get; init; }
    public IReadOnlyList<RegressionRow> Rows { get; init; } = [];
}

public sealed record RegressionRow(DateTime At, string Workload, string Variant, string WorkloadPage, string Series, string RunId, string Started,
    string Before, string After, string Change, string Direction, string ChangeValue);
