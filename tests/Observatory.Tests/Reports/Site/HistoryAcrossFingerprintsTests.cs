using Observatory.Reports.Site;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>
/// Issue 11, defects: trend pages were written only for the latest run's fingerprint (the other
/// run's links were dead), and history dropped every run of another fingerprint.
/// </summary>
public class HistoryAcrossFingerprintsTests
{
    private static Observatory.Core.Runs.RunInfo On(string runId, string fingerprintId, int hour, string workload = "sum")
    {
        var run = SampleRuns.Make(runId, runId) with { StartedUtc = new DateTimeOffset(2026, 11, 1, hour, 0, 0, TimeSpan.Zero) };
        run = run with { Fingerprint = run.Fingerprint with { Id = fingerprintId } };
        return workload == "sum" ? run : run with
        {
            Samples = run.Samples.Select(s => s with { Workload = workload }).ToList(),
            Cells = run.Cells.Select(c => c with { Workload = workload }).ToList(),
            Workloads = run.Workloads.Select(w => w with { Name = workload }).ToList(),
        };
    }

    [Fact]
    public void Every_link_of_every_run_page_lands_when_runs_have_different_fingerprints()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        store.Ingest(On("corpus", "fp-old", 1, workload: "2mm"));
        store.Ingest(On("matrix", "fp-new", 2));
        var site = dir.Combine("site");
        SiteRenderer.Render(store, site);
        Assert.True(File.Exists(Path.Combine(site, SiteRenderer.RunPage("corpus"))));
        Assert.Contains(TrendPages.FileName("2mm", "O2"), File.ReadAllText(Path.Combine(site, SiteRenderer.RunPage("corpus"))));
        Assert.Empty(SiteLinks.Dangling(site));
    }

    [Fact]
    public void History_keeps_runs_of_every_fingerprint_as_separate_series_with_a_marker_where_it_changed()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        store.Ingest(On("night1", "fp-a", 1));
        store.Ingest(On("night2", "fp-a", 2));
        store.Ingest(On("night3", "fp-b", 3));
        var page = File.ReadAllText(Assert.Single(TrendPages.Render(store, dir.Path)));
        Assert.Contains("3 complete runs in 2 environments", page);
        foreach (var run in new[] { "night1", "night2", "night3" }) Assert.Contains($"<code>{run}</code>", page);
        Assert.Contains("wasmtime-50.0.1/cranelift · env A", page);
        Assert.Contains("wasmtime-50.0.1/cranelift · env B", page);
        Assert.Contains("<code>fp-a</code>", page);
        Assert.Contains("<code>fp-b</code>", page);

        var h = TrendHistory.Build(store.Rows<TrendPoint>(TrendPoint.Sql));
        var marker = Assert.Single(h.EnvironmentChanges);
        Assert.Equal(1.5, marker.X);
        Assert.Equal("env B", marker.Text);
        // One series per engine and environment: 2 engines x 2 environments, never one line across both.
        Assert.Equal(4, h.Series.Count);
        Assert.Equal([0.0, 1.0], h.Series.Single(s => s.Name == "native · env A").X);
    }
}
