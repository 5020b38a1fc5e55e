using DuckDB.NET.Data;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

/// <summary>
/// The store tells locked, corrupt, newer, not-a-database and missing apart by cause, refuses before it
/// changes anything (the file's hash is the same after), and reading commands never create a file.
/// </summary>
public class StoreTruthTests
{
    private const string CorruptAdvice = "nothing was written to it. Keep a copy, then restore a backup or move it aside and `observatory ingest` the run bundles again";

    [Fact]
    public void A_database_locked_by_another_process_is_locked_and_names_the_holder()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 1);
        using var holder = new LockHolder(db);
        var e = Assert.Throws<StoreException>(() => ObservatoryStore.Open(db));
        Assert.Equal(StoreProblem.Locked, e.Problem);
        Assert.StartsWith($"database {db} is locked by another process (", e.Message);
        Assert.EndsWith($", PID {holder.Pid}); wait for it to finish or use --db to pick another file", e.Message);
        var check = MeasurementFixture.Cli(dir.Path, "check", "--db", db);
        Assert.Equal(1, check.ExitCode);
        Assert.StartsWith($"observatory check: problem: database {db} is locked by another process", check.Error);
    }

    [Fact]
    public void A_corrupt_header_is_corrupt_not_locked_and_every_command_leaves_the_file_alone()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 2);
        var bundle = RunBundle.Write(SampleRuns.Make("run-new"), dir.Combine("bundles"));
        StoreFiles.Overwrite(db, 64, 256);
        var before = StoreFiles.Hash(db);
        var expected = $"database {db} is corrupt (checksum mismatch in the block at byte 0); {CorruptAdvice}";

        foreach (var (command, args) in new[]
        {
            ("ingest", new[] { "ingest", bundle, "--db", db }),
            ("report", ["report", "--db", db, "--out", dir.Combine("site")]),
            ("compare", ["compare", "--db", db]),
            ("query", ["query", "--db", db, "SELECT count(*) FROM runs"]),
        })
        {
            var r = MeasurementFixture.Cli(dir.Path, args);
            Assert.Equal(1, r.ExitCode);
            Assert.Equal($"observatory {command}: error: {expected}\n", r.Error.Replace("\r", ""));
        }
        var check = MeasurementFixture.Cli(dir.Path, "check", "--db", db);
        Assert.Equal(1, check.ExitCode);
        Assert.Equal($"observatory check: problem: {expected}\n", check.Error);
        Assert.Equal(before, StoreFiles.Hash(db));
    }

    [Fact]
    public void A_corrupt_data_block_is_found_by_check_and_nothing_is_appended_to_it()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 3);
        var good = MeasurementFixture.Cli(dir.Path, "check", "--db", db);
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Matches(@"(?m)^samples\s+\d+$", good.Out);
        Assert.Contains($"ok: {db}, schema version {Schema.Version}", good.Out);

        var block = StoreFiles.DataBlockOffset(db, "samples");
        StoreFiles.Overwrite(db, block + 1024, 512);
        var before = StoreFiles.Hash(db);
        // Metadata is intact: DuckDB opens the file and counts rows without noticing.
        using (var conn = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "SELECT count(*) FROM runs";
            Assert.Equal(3L, Convert.ToInt64(cmd.ExecuteScalar()));
        }

        var expected = $"database {db} is corrupt (checksum mismatch in the block at byte {block}); {CorruptAdvice}";
        var bundle = RunBundle.Write(SampleRuns.Make("run-new"), dir.Combine("bundles"));
        var ingest = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.Equal(1, ingest.ExitCode);
        Assert.Equal($"observatory ingest: error: {expected}\n", ingest.Error);
        var run = MeasurementFixture.Cli(dir.Path, "run", "--engines", "native", "--db", db);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"observatory run: error: {expected}\n", run.Error);
        var check = MeasurementFixture.Cli(dir.Path, "check", "--db", db);
        Assert.Equal(1, check.ExitCode);
        Assert.Equal($"observatory check: problem: {expected}\n", check.Error);
        Assert.Equal(before, StoreFiles.Hash(db));
    }

    [Fact]
    public void A_newer_schema_is_refused_before_anything_changes_the_file()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 1);
        // A future observatory: version 99, and a table this one knows is gone.
        using (var conn = new DuckDBConnection($"Data Source={db}"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version VALUES (99, now()); DROP TABLE regions; CHECKPOINT";
            cmd.ExecuteNonQuery();
        }
        var before = StoreFiles.Hash(db);
        var bundle = RunBundle.Write(SampleRuns.Make("run-new"), dir.Combine("bundles"));
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory ingest: error: database {db} has schema version 99, newer than this observatory understands ({Schema.Version}); it was not modified. Upgrade observatory\n", r.Error);
        Assert.Equal(before, StoreFiles.Hash(db));
        Assert.Equal(StoreProblem.Newer, Assert.Throws<StoreException>(() => ObservatoryStore.Open(db)).Problem);
        Assert.Equal(before, StoreFiles.Hash(db));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_told_apart_from_a_corrupt_one()
    {
        using var dir = new TempDirectory();
        var db = dir.Write("notes.duckdb", string.Concat(Enumerable.Repeat("not a database ", 1000)));
        var before = StoreFiles.Hash(db);
        var r = MeasurementFixture.Cli(dir.Path, "check", "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory check: problem: database {db} is not a DuckDB database file; it was not modified. Use --db with a file `observatory run` wrote, or move it aside\n", r.Error);
        Assert.Equal(before, StoreFiles.Hash(db));
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("report")]
    [InlineData("query")]
    [InlineData("check")]
    public void Reading_commands_never_create_a_database(string command)
    {
        using var dir = new TempDirectory();
        var typo = dir.Combine("sub", "obsevatory.duckdb");
        string[] args = command == "query" ? [command, "--db", typo, "SELECT 1"] : [command, "--db", typo];
        var r = MeasurementFixture.Cli(dir.Path, args);
        Assert.Equal(1, r.ExitCode);
        var kind = command == "check" ? "problem" : "error";
        Assert.Equal($"observatory {command}: {kind}: database {typo} does not exist (reading commands never create one): check --db, or `observatory run` first\n", r.Error);
        Assert.False(File.Exists(typo));
        Assert.False(Directory.Exists(dir.Combine("sub")));
    }
}
