using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// A run in which every build failed, or no cell could run, stores nothing (so it can never become "latest")
/// and exits 1 with one line naming the failed builds or the cause.
/// </summary>
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

    [Fact]
    public void No_cell_that_could_run_exits_1_and_stores_nothing()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var wasm = dir.Combine("command.wasm");
        File.WriteAllBytes(wasm, global::Wasmtime.Module.ConvertText("""(module (memory (export "memory") 1) (func (export "_start")))"""));
        var db = dir.Combine("o.duckdb");
        // wabt's interpreter runs no WASI command, and it is the only engine selected.
        var r = MeasurementFixture.CliProcess(root, "run", "--wasm", wasm, "--engines", "wabt-*", "--no-overhead", "--db", db, "--min-processes", "1", "--max-processes", "1", "--iterations", "1");
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}\n{r.Out}\n{r.Error}");
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no cell could run", line);
        using var store = ObservatoryStore.Open(db);
        Assert.Equal(0L, store.Scalar<long>("SELECT count(*) FROM runs"));
    }
}
