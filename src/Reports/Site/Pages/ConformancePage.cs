using System.Globalization;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// Conformance like wpt.fyi: per suite, an engine × feature matrix of pass rates from its latest
/// run, the failing assertions of each engine (file:line, expected, actual, message), and each
/// engine's pass rate over every run of the suite by revision. Reads the conformance tables as
/// the conformance runner stores them; skipped suites say why.
/// </summary>
public sealed class ConformancePage : ISitePage
{
    public const int MaxFailuresPerEngine = ConformanceSection.MaxFailuresPerEngine;

    public string FileName => "conformance.html";
    public string Template => "conformance";
    public string Title => "Conformance";

    public object BuildModel(ObservatoryStore store)
    {
        if (!Exists(store, "duckdb_views()", "view_name", "conformance_summary") || !Exists(store, "duckdb_tables()", "table_name", "conformance_runs"))
            return new ConformanceModel { Differential = ConformanceSection.Render(store, suites: false) };
        var cells = store.Rows<ConformanceCell>(ConformanceCell.Sql);
        var suites = new List<SuiteModel>();
        foreach (var g in cells.GroupBy(c => c.Suite).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var latestRun = g.OrderBy(c => c.StartedUtc).ThenBy(c => c.RunId, StringComparer.Ordinal).Last();
            var latest = g.Where(c => c.RunId == latestRun.RunId).ToList();
            var engines = latest.Select(c => c.Engine).Distinct().Order(StringComparer.Ordinal).ToList();
            var features = latest.Select(c => c.Feature).Distinct().Order(StringComparer.Ordinal).ToList();
            var failures = ConformanceStore.Failures(store, latestRun.RunId, MaxFailuresPerEngine);
            var runs = g.Select(c => (c.RunId, c.Revision, c.StartedUtc)).Distinct().OrderByDescending(r => r.StartedUtc).ThenByDescending(r => r.RunId, StringComparer.Ordinal).ToList();
            var historyEngines = g.Select(c => c.Engine).Distinct().Order(StringComparer.Ordinal).ToList();
            suites.Add(new SuiteModel
            {
                Suite = g.Key, RunId = latestRun.RunId, Revision = latestRun.Revision,
                Started = latestRun.StartedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Engines = engines,
                Totals = engines.Select(e => Rate(latest.Where(c => c.Engine == e))).ToList(),
                // A pass rate counts only what the engine could run: the skipped assertions stand beside it.
                SkippedCounts = engines.Select(e => latest.Where(c => c.Engine == e).Sum(c => c.Skipped).ToString("N0", CultureInfo.InvariantCulture)).ToList(),
                Features = features.Select(f => new FeatureRow(f, engines.Select(e => Rate(latest.Where(c => c.Engine == e && c.Feature == f))).ToList())).ToList(),
                Failures = engines.Select(e => new EngineFailures(e, latest.Where(c => c.Engine == e).Sum(c => c.Failed),
                    failures.Where(x => x.Engine == e).Select(x => new FailureRow(x.File, x.Line, x.Feature, x.Directive, x.Outcome, x.Expected ?? "", x.Actual ?? "", x.Message ?? "")).ToList()))
                    .Where(x => x.Total > 0).ToList(),
                HistoryEngines = historyEngines,
                History = runs.Select(r => new SuiteHistoryRow(r.RunId, r.Revision, r.StartedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    historyEngines.Select(e => Rate(g.Where(c => c.RunId == r.RunId && c.Engine == e))).ToList())).ToList(),
            });
        }
        return new ConformanceModel { Suites = suites, Differential = ConformanceSection.Render(store, suites: false) };
    }

    private static RateCell Rate(IEnumerable<ConformanceCell> cells)
    {
        var list = cells.ToList();
        var passed = list.Sum(c => c.Passed);
        var failed = list.Sum(c => c.Failed);
        var skipped = list.Sum(c => c.Skipped);
        if (list.Count == 0) return new RateCell("—", "na", "", "not run");
        if (passed + failed == 0) return new RateCell("skipped", "na", "", $"{skipped} assertions skipped (unsupported)");
        var rate = (double)passed / (passed + failed);
        var cls = failed == 0 ? "ok" : rate >= 0.9 ? "warn" : "bad";
        return new RateCell(string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.0}%"), cls, rate.ToString("R", CultureInfo.InvariantCulture),
            $"{passed} passed, {failed} failed, {skipped} skipped");
    }

    private static bool Exists(ObservatoryStore store, string catalog, string column, string name) =>
        store.Scalar<long>($"SELECT count(*) FROM {catalog} WHERE {column} = '{name}'") > 0;
}

public sealed record ConformanceModel
{
    public IReadOnlyList<SuiteModel> Suites { get; init; } = [];
    /// <summary>The conformance section of run pages (skipped suites, the differential output check), already escaped.</summary>
    public string Differential { get; init; } = "";
}

public sealed record SuiteModel
{
    public string Suite { get; init; } = "";
    public string RunId { get; init; } = "";
    public string Revision { get; init; } = "";
    public string Started { get; init; } = "";
    public IReadOnlyList<string> Engines { get; init; } = [];
    public IReadOnlyList<RateCell> Totals { get; init; } = [];
    public IReadOnlyList<string> SkippedCounts { get; init; } = [];
    public IReadOnlyList<FeatureRow> Features { get; init; } = [];
    public IReadOnlyList<EngineFailures> Failures { get; init; } = [];
    public IReadOnlyList<string> HistoryEngines { get; init; } = [];
    public IReadOnlyList<SuiteHistoryRow> History { get; init; } = [];
}

public sealed record RateCell(string Text, string Class, string Value, string Title);
public sealed record FeatureRow(string Feature, IReadOnlyList<RateCell> Cells);
public sealed record EngineFailures(string Engine, long Total, IReadOnlyList<FailureRow> Shown);
public sealed record FailureRow(string File, int Line, string Feature, string Directive, string Outcome, string Expected, string Actual, string Message);
public sealed record SuiteHistoryRow(string RunId, string Revision, string Started, IReadOnlyList<RateCell> Cells);
