using Observatory.Core.Runs;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

public class StoreTests
{
    [Fact]
    public void A_run_round_trips_through_the_database()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        var run = SampleRuns.Make("r1", "main");
        using (var store = ObservatoryStore.Open(db))
        {
            Assert.Equal(Schema.Version, store.SchemaVersion);
            Assert.True(store.Ingest(run));
        }
        using (var store = ObservatoryStore.Open(db, readOnly: true))
        {
            Assert.Equal(run.Samples.Count, store.Scalar<long>("SELECT count(*) FROM samples WHERE run_id = 'r1'"));
            Assert.Equal(2, store.Scalar<long>("SELECT count(*) FROM outcomes"));
            Assert.Equal(3, store.Scalar<long>("SELECT count(*) FROM engines"));
            Assert.Equal("main", store.Scalar<string>("SELECT label FROM runs"));
            Assert.Equal(run.Fingerprint.CpuModel, store.Scalar<string>("SELECT cpu_model FROM fingerprints"));
            Assert.Equal(1_400_010.0, store.Scalar<double>("SELECT median_ns FROM outcomes WHERE engine_id LIKE 'wasmtime%'"));
            // Nulls survive: warm samples have no end-to-end time.
            Assert.Equal(6, store.Scalar<long>("SELECT count(*) FROM samples WHERE total_ns IS NULL"));
            Assert.Equal(9, store.Scalar<long>("SELECT count(*) FROM samples WHERE compile_ns = 5000000"));
        }
    }

    [Fact]
    public void Ingesting_the_same_run_twice_changes_nothing()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var run = SampleRuns.Make("r1");
        Assert.True(store.Ingest(run));
        Assert.False(store.Ingest(run));
        Assert.Equal(run.Samples.Count, store.Scalar<long>("SELECT count(*) FROM samples"));
        Assert.Equal(1, store.Scalar<long>("SELECT count(*) FROM runs"));
    }

    [Fact]
    public void A_bundle_is_written_read_back_and_queryable_as_parquet()
    {
        using var dir = new TempDirectory();
        var run = SampleRuns.Make("r2", wasmOutcome: Outcome.Trap);
        var bundle = RunBundle.Write(run, dir.Combine("runs"));
        var back = RunBundle.Read(bundle);
        Assert.Equal(run.RunId, back.RunId);
        Assert.Equal(run.Samples.Count, back.Samples.Count);
        Assert.Equal(Outcome.Trap, back.Cells.Single(c => c.Engine != "native").Outcome);
        Assert.Contains("\"wrong-output\"", RunJson.Serialize(new[] { Outcome.WrongOutput }));

        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        var parquet = Path.Combine(bundle, "samples.parquet").Replace("'", "''");
        Assert.Equal(run.Samples.Count, store.Scalar<long>($"SELECT count(*) FROM read_parquet('{parquet}')"));
        Assert.Equal(9, store.Scalar<long>($"SELECT count(*) FROM read_parquet('{parquet}') WHERE outcome = 'trap'"));
    }

    [Fact]
    public void A_corrupt_database_is_reported_with_its_path_and_left_untouched()
    {
        using var dir = new TempDirectory();
        var db = dir.Write("broken.duckdb", new string('x', 10_000));
        var before = File.ReadAllBytes(db);
        var e = Assert.Throws<StoreException>(() => ObservatoryStore.Open(db));
        Assert.Contains(db, e.Message);
        Assert.Equal(before, File.ReadAllBytes(db));
    }

    [Fact]
    public void A_failing_ingest_rolls_back_and_keeps_earlier_runs()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        store.Ingest(SampleRuns.Make("good"));
        // A cell listed twice is found after the run's rows were inserted, midway through the transaction.
        var bad = SampleRuns.Make("bad");
        var cell = bad.Cells[0];
        bad = bad with { Cells = [.. bad.Cells, cell] };
        var e = Assert.Throws<StoreException>(() => store.Ingest(bad));
        Assert.Equal($"run bad lists the cell {cell.Workload}/{cell.Variant} on {cell.Engine} twice; nothing was stored", e.Message);
        Assert.Equal(1, store.Scalar<long>("SELECT count(*) FROM runs"));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM samples WHERE run_id = 'bad'"));
        Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM outcomes WHERE run_id = 'bad'"));
        Assert.Equal(SampleRuns.Make("x").Samples.Count, store.Scalar<long>("SELECT count(*) FROM samples WHERE run_id = 'good'"));
    }
}

public class StoreLockTests
{
    [Fact]
    public void A_database_locked_by_another_process_gives_a_clear_error()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        using (var store = ObservatoryStore.Open(db)) store.Ingest(SampleRuns.Make("kept"));
        // A real second process takes the same POSIX (fcntl) lock DuckDB takes.
        var psi = new System.Diagnostics.ProcessStartInfo("python3")
        {
            ArgumentList = { "-c", "import fcntl,sys,time; f=open(sys.argv[1],'r+'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)", db },
            RedirectStandardOutput = true,
        };
        using var holder = System.Diagnostics.Process.Start(psi)!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            var e = Assert.Throws<StoreException>(() => ObservatoryStore.Open(db));
            Assert.Contains("locked", e.Message);
            Assert.Contains(db, e.Message);
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
        using var again = ObservatoryStore.Open(db);
        Assert.True(again.HasRun("kept"));
    }
}
