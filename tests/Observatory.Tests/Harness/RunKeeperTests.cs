using DuckDB.NET.Data;
using Observatory.Harness.Running;
using Observatory.Reports.Bundles;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// The end of `run`: no measurement lost. Real locks held by another process, real full filesystems
/// (tmpfs mounted by the test), real DuckDB files; the printed `observatory ingest` really works.
/// </summary>
[Collection(DiskFull.Name)]
public class RunKeeperTests
{
    [Fact]
    public void A_locked_database_keeps_the_bundle_and_prints_the_ingest_that_stores_it_later()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 1);
        var run = SampleRuns.Make("measured-1");
        var (log, error) = (new StringWriter(), new StringWriter());
        string ingestLine;
        using (var holder = new LockHolder(db))
        {
            Assert.False(new RunKeeper(log, error).Keep(run, dir.Combine("runs"), db));
            var lines = error.ToString().TrimEnd('\n').Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith($"observatory run: error: run measured-1 was measured but not stored: database {db} is locked by another process (", lines[0]);
            Assert.Contains($"PID {holder.Pid})", lines[0]);
            var bundle = dir.Combine("runs", "measured-1");
            Assert.Equal($"the run is kept in {bundle}; store it later with: observatory ingest {bundle} --db {db}", lines[1]);
            Assert.Equal(RunBundle.ParquetFiles.Append(RunBundle.RunFile).Order(), Directory.GetFiles(bundle).Select(Path.GetFileName).Order());
            ingestLine = lines[1][(lines[1].IndexOf("observatory ingest ", StringComparison.Ordinal) + "observatory ".Length)..];
        }
        // Once the other process is gone, the printed command stores the run.
        var r = MeasurementFixture.Cli(dir.Path, ingestLine.Split(' '));
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(2L, Scalar(db, "SELECT count(*) FROM runs"));
        Assert.Equal((long)run.Samples.Count, Scalar(db, "SELECT count(*) FROM samples WHERE run_id = 'measured-1'"));
    }

    [Fact]
    public void A_database_on_a_full_disk_says_so_and_the_bundle_is_kept_where_there_is_room()
    {
        using var dir = new TempDirectory();
        using var fs = new SmallFilesystem(dir.Combine("small"), 8192);
        var db = StoreFiles.WithRuns(fs.Combine("o.duckdb"), 1);
        fs.Fill();
        var run = SampleRuns.Make("full-" + Guid.NewGuid().ToString("N")[..8]);
        var fallback = Path.Combine(Path.GetTempPath(), "observatory-runs", run.RunId);
        var error = new StringWriter();
        try
        {
            Assert.False(new RunKeeper(TextWriter.Null, error).Keep(run, fs.Combine("runs"), db));
            var lines = error.ToString().TrimEnd('\n').Split('\n');
            Assert.Equal(
            [
                $"observatory run: error: cannot write run bundle {fs.Combine("runs", run.RunId)}: no space left on device (disk full)",
                $"observatory run: error: cannot write run bundle {fs.Combine("runs", run.RunId)}: no space left on device (disk full)",
                $"kept {Path.Combine(fallback, RunBundle.RunFile)} alone (no Parquet copies; `observatory ingest` needs only run.json)",
                $"observatory run: error: run {run.RunId} was measured but not stored: database {db}: the disk is full (No space left on device); nothing of this write was stored. Free space and retry",
                $"the run is kept in {fallback}; store it later with: observatory ingest {fallback} --db {db}",
            ], lines);
            Assert.Equal(run.RunId, RunBundle.Read(fallback).RunId);
            Assert.False(Directory.Exists(fs.Combine("runs", "." + run.RunId + ".partial")));
            File.Delete(fs.Combine(".filler"));
            var r = MeasurementFixture.Cli(dir.Path, "ingest", fallback, "--db", db);
            Assert.True(r.ExitCode == 0, r.Error);
            Assert.Equal(2L, Scalar(db, "SELECT count(*) FROM runs"));
        }
        finally
        {
            DeleteDirectory(fallback);
        }
    }

    [Fact]
    public void A_full_bundle_directory_still_stores_the_run_and_says_what_was_not_written()
    {
        using var dir = new TempDirectory();
        using var fs = new SmallFilesystem(dir.Combine("small"), 256);
        fs.Fill();
        var db = dir.Combine("o.duckdb");
        var run = SampleRuns.Make("bundle-full-" + Guid.NewGuid().ToString("N")[..8]);
        var fallback = Path.Combine(Path.GetTempPath(), "observatory-runs", run.RunId);
        var (log, error) = (new StringWriter(), new StringWriter());
        try
        {
            Assert.False(new RunKeeper(log, error).Keep(run, fs.Combine("runs"), db));
            Assert.StartsWith($"observatory run: error: cannot write run bundle {fs.Combine("runs", run.RunId)}: no space left on device (disk full)\n", error.ToString());
            Assert.Contains($"kept {Path.Combine(fallback, RunBundle.RunFile)} alone", error.ToString());
            Assert.Equal($"stored run {run.RunId}: bundle {fallback}, database {db}\n", log.ToString());
            Assert.Equal(1L, Scalar(db, "SELECT count(*) FROM runs"));
        }
        finally
        {
            DeleteDirectory(fallback);
        }
    }

    [Fact]
    public void Report_to_a_full_directory_is_one_line()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 2);
        using var fs = new SmallFilesystem(dir.Combine("small"), 128);
        fs.Fill();
        var r = MeasurementFixture.Cli(dir.Path, "report", "--db", db, "--out", fs.Combine("site"));
        Assert.Equal(1, r.ExitCode);
        Assert.True($"observatory report: error: --out {fs.Combine("site")}: cannot write the report: no space left on device (disk full)\n" == r.Error, r.Error);
    }

    [Fact]
    public void Ingest_into_a_database_on_a_full_disk_is_one_line_not_a_crash()
    {
        using var dir = new TempDirectory();
        var bundle = RunBundle.Write(SampleRuns.Make("late-1"), dir.Combine("runs"));
        using var fs = new SmallFilesystem(dir.Combine("small"), 8192);
        var db = StoreFiles.WithRuns(fs.Combine("o.duckdb"), 1);
        fs.Fill();
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory ingest: error: database {db}: the disk is full (No space left on device); nothing of this write was stored. Free space and retry\n", r.Error);
    }

    [Fact]
    public void A_database_on_a_read_only_filesystem_is_read_only_not_locked_or_corrupt()
    {
        using var dir = new TempDirectory();
        var bundle = RunBundle.Write(SampleRuns.Make("late-2"), dir.Combine("runs"));
        using var fs = new SmallFilesystem(dir.Combine("small"), 8192);
        var db = StoreFiles.WithRuns(fs.Combine("o.duckdb"), 1);
        fs.MakeReadOnly();
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory ingest: error: database {db} cannot be written (read-only file system); use --db to pick a writable file\n", r.Error);
        // Reading still works: check opens read-only.
        var check = MeasurementFixture.Cli(dir.Path, "check", "--db", db);
        Assert.True(check.ExitCode == 0, check.Error);
    }

    private static void DeleteDirectory(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static long Scalar(string db, string sql)
    {
        using var conn = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}

/// <summary>Tests that mount and fill small filesystems run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DiskFull
{
    public const string Name = "disk full";
}
