using Observatory.Core.Runs;
using Observatory.Reports.Analysis;
using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

/// <summary>An interrupted run is kept but is never latest or previous, nor the report's default run, unless named.</summary>
public class InterruptedRunReferenceTests
{
    [Fact]
    public void Latest_and_previous_skip_interrupted_runs_and_an_id_still_finds_them()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var a = SampleRuns.Make("run-a", "main");
        var b = SampleRuns.Make("run-b", "main") with { StartedUtc = a.StartedUtc.AddHours(1) };
        var cut = SampleRuns.Make("run-c", "main") with { StartedUtc = a.StartedUtc.AddHours(2), Status = RunStatus.Interrupted };
        Assert.True(store.Ingest(a));
        Assert.True(store.Ingest(b));
        Assert.True(store.Ingest(cut));

        Assert.Equal("run-b", RunReference.Resolve(store, "latest").RunId);
        Assert.Equal("run-a", RunReference.Resolve(store, "previous").RunId);
        Assert.Equal("run-b", RunReference.Resolve(store, "main").RunId);
        Assert.Equal("run-c", RunReference.Resolve(store, "run-c").RunId);
        Assert.Equal("run-b", (string)ReportData.Load(store)!.Run["run_id"]!);
        Assert.Equal("run-b", store.Scalar<string>("SELECT DISTINCT run_id FROM latest_cells"));
        Assert.Equal("interrupted", store.Scalar<string>("SELECT status FROM runs WHERE run_id = 'run-c'"));
    }
}
