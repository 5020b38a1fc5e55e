using Observatory.Reports.Analysis;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// A comparison already made (by `observatory compare A B --html FILE`, with the user's metric,
/// threshold and filters) as a page in the site's layout and template.
/// </summary>
public sealed class ComparisonReportPage(ComparisonReport report, string fileName) : ISitePage
{
    public string FileName => fileName;
    public string Template => "compare";
    public string Title => $"{report.Base.RunId} → {report.Diff.RunId}";

    public object BuildModel(ObservatoryStore store) => ComparePage.FromReport(report);
}
