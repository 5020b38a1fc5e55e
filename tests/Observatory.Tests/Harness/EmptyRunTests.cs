using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>A run in which every build failed stores nothing (so it can never become "latest") and exits 1 naming the failed builds.</summary>
[Collection(MeasurementProcesses.Name)]
public class EmptyRunTests
{
    [Fact]
    public void Every_build_failed_exits_1_and_stores_nothing()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        TestWorkloads.Add(dir.Combine("workloads"), "broken", "int main(void) { this is not C; }");
        var db = dir.Combine("o.duckdb");
        var r = MeasurementFixture.CliProcess(root, "run", "--workloads", "broken", "--engines", "wasmtime-*/cranelift", "--db", db, "--min-processes", "1", "--max-processes", "1", "--iterations", "1");
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Out}\n{r.Error}");
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("every build failed (broken/", line);
        Assert.Contains("nothing stored", line);
        using var store = ObservatoryStore.Open(db);
        Assert.Equal(0L, store.Scalar<long>("SELECT count(*) FROM runs"));
        Assert.False(Directory.Exists(Path.Combine(root, "results", "runs")) && Directory.EnumerateDirectories(Path.Combine(root, "results", "runs")).Any());
    }
}
