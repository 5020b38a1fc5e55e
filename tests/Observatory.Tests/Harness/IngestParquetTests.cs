using DuckDB.NET.Data;
using Observatory.Core.Runs;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;
using Observatory.Reports.Synthetic;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// `ingest` loads the sample, outcome and region rows of bundles from their Parquet copies (DuckDB reads
/// them, many bundles per statement) and reads only the head of run.json. The store must end up exactly
/// as when every run came from run.json through <see cref="ObservatoryStore.Ingest(RunInfo)"/>: every
/// table compared by row count and an order-free checksum of all its columns.
/// </summary>
public class IngestParquetTests
{
    private static readonly string[] Tables = ["fingerprints", "runs", "engines", "workloads", "samples", "outcomes", "sample_regions", "regions"];

    [Fact]
    public void A_synthetic_history_stores_the_same_rows_as_from_run_json()
    {
        using var dir = new TempDirectory();
        var runs = new SyntheticHistory(new SyntheticOptions(Runs: 5, Engines: 4, Variants: 3, Samples: 3)).Runs().ToList();
        var bundles = dir.Combine("bundles");
        foreach (var run in runs) RunBundle.Write(run, bundles);
        AssertSameAsFromRunJson(dir, bundles, runs, expectSamples: 5 * 4 * 3 * 3);
    }

    [Fact]
    public void Measured_runs_with_named_regions_store_the_same_rows_as_from_run_json()
    {
        using var dir = new TempDirectory();
        var runs = new[] { SampleRuns.WithRegions("m-1"), SampleRuns.Make("m-2", "label", Outcome.Trap), SampleRuns.WithRegions("m-3") };
        var bundles = dir.Combine("bundles");
        foreach (var run in runs) RunBundle.Write(run, bundles);
        var expected = AssertSameAsFromRunJson(dir, bundles, runs, expectSamples: runs.Sum(r => r.Samples.Count));
        Assert.Equal(runs.Sum(r => r.Samples.Sum(s => s.RegionsNs?.Count ?? 0)), expected["sample_regions"].Rows);
        Assert.Equal(8L, expected["regions"].Rows);
    }

    [Fact]
    public void Ingesting_the_bundles_again_stores_nothing_twice()
    {
        using var dir = new TempDirectory();
        var bundles = dir.Combine("bundles");
        var first = RunBundle.Write(SampleRuns.WithRegions("again-1"), bundles);
        RunBundle.Write(SampleRuns.Make("again-2"), bundles);
        var db = dir.Combine("o.duckdb");
        var once = MeasurementFixture.Cli(dir.Path, "ingest", bundles, first, "--db", db);
        Assert.True(once.ExitCode == 0, once.Error);
        Assert.EndsWith("2 ingested, 1 already stored\n", once.Out);
        var stored = Checksums(db);

        var twice = MeasurementFixture.Cli(dir.Path, "ingest", bundles, "--db", db);
        Assert.True(twice.ExitCode == 0, twice.Error);
        Assert.Equal($"already stored again-1 ({first})\nalready stored again-2 ({Path.Combine(bundles, "again-2")})\n0 ingested, 2 already stored\n", twice.Out);
        Assert.Equal(stored, Checksums(db));
    }

    [Fact]
    public void A_bundle_written_with_samples_before_cells_is_read_to_its_end_and_held_to_its_counts()
    {
        using var dir = new TempDirectory();
        var run = SampleRuns.WithRegions("old-order");
        var bundle = RunBundle.Write(run, dir.Combine("bundles"));
        // run.json as bundles were written before: the record's own property order, samples in the middle.
        var runJson = Path.Combine(bundle, RunBundle.RunFile);
        File.WriteAllText(runJson, RunJson.Serialize(run));
        Assert.True(File.ReadAllText(runJson).IndexOf("\"samples\"", StringComparison.Ordinal) < File.ReadAllText(runJson).IndexOf("\"observatoryVersion\"", StringComparison.Ordinal));
        AssertSameAsFromRunJson(dir, dir.Combine("bundles"), [run], expectSamples: run.Samples.Count);

        // One sample fewer in run.json than in samples.parquet: the copies disagree, and the bundle is refused.
        File.WriteAllText(runJson, RunJson.Serialize(run with { Samples = run.Samples.Skip(1).ToList() }));
        var db = StoreFiles.WithRuns(dir.Combine("counts.duckdb"), 1);
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory ingest: error: {Path.Combine(bundle, "samples.parquet")}: {run.Samples.Count} rows, but run.json has {run.Samples.Count - 1}; the bundle was not stored\n", r.Error);
        Assert.Equal(1L, Count(db, "runs"));
    }

    [Fact]
    public void A_run_json_cut_inside_its_samples_is_refused_naming_it_and_nothing_is_stored()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 1);
        var before = Checksums(db);
        var bundles = dir.Combine("bundles");
        RunBundle.Write(SampleRuns.Make("whole"), bundles);
        var cut = RunBundle.Write(SampleRuns.Make("cut"), bundles);
        var runJson = Path.Combine(cut, RunBundle.RunFile);
        var text = File.ReadAllText(runJson);
        var samples = text.IndexOf("\"samples\"", StringComparison.Ordinal);
        Assert.True(samples > text.IndexOf("\"synthetic\"", StringComparison.Ordinal), "samples come last in run.json");
        File.WriteAllText(runJson, text[..(samples + (text.Length - samples) / 2)]); // as by a shard killed mid-upload

        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundles, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"observatory ingest: error: {runJson}: not a valid run bundle: ", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.Equal(before, Checksums(db));
    }

    [Fact]
    public void Parquet_copies_of_another_run_are_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        var bundles = dir.Combine("bundles");
        var mine = RunBundle.Write(SampleRuns.Make("mine"), bundles);
        var theirs = RunBundle.Write(SampleRuns.Make("theirs"), bundles);
        var copy = Path.Combine(mine, "outcomes.parquet");
        File.Copy(Path.Combine(theirs, "outcomes.parquet"), copy, overwrite: true);
        var db = dir.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundles, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory ingest: error: {copy}: its rows are of run theirs, but run.json is run mine; the bundle was not stored\n", r.Error);
        Assert.False(File.Exists(db));
    }

    [Fact]
    public void Copies_of_an_older_schema_are_not_used_and_the_run_comes_from_run_json()
    {
        using var dir = new TempDirectory();
        var run = SampleRuns.WithRegions("older");
        var bundle = RunBundle.Write(run, dir.Combine("bundles"));
        // samples.parquet as schema 4 wrote it: no sampling round, no normalized metric.
        var samples = Path.Combine(bundle, "samples.parquet");
        using (var conn = new DuckDBConnection("Data Source=:memory:"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"COPY (SELECT * EXCLUDE (round, normalized) FROM read_parquet('{samples}')) TO '{samples}.old' (FORMAT parquet)";
            cmd.ExecuteNonQuery();
        }
        File.Move(samples + ".old", samples, overwrite: true);

        var source = Assert.Single(RunBundle.ReadForIngest([bundle]));
        Assert.False(source.FromParquet);
        Assert.Equal(run.Samples.Count, source.Run.Samples.Count);
        AssertSameAsFromRunJson(dir, dir.Combine("bundles"), [run], expectSamples: run.Samples.Count, fromParquet: false);
    }

    [Fact]
    public void An_empty_copy_of_an_older_schema_is_not_used_either()
    {
        // A copy without rows has no row groups, so its footer lists no column chunks: its columns are read from
        // its schema. Without a named region, a synthetic run's regions.parquet is such a file.
        using var dir = new TempDirectory();
        var run = new SyntheticHistory(new SyntheticOptions(Runs: 1, Engines: 2, Variants: 2, Samples: 3)).Runs().Single();
        var bundle = RunBundle.Write(run, dir.Combine("bundles"));
        var regions = Path.Combine(bundle, "regions.parquet");
        using (var conn = new DuckDBConnection("Data Source=:memory:"))
        {
            conn.Open();
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM read_parquet('{regions}')";
            Assert.Equal(0L, Convert.ToInt64(cmd.ExecuteScalar()));
            cmd.CommandText = $"COPY (SELECT * EXCLUDE (rate_per_second) FROM read_parquet('{regions}')) TO '{regions}.old' (FORMAT parquet)";
            cmd.ExecuteNonQuery();
        }
        File.Move(regions + ".old", regions, overwrite: true);

        Assert.False(Assert.Single(RunBundle.ReadForIngest([bundle])).FromParquet);
        AssertSameAsFromRunJson(dir, dir.Combine("bundles"), [run], expectSamples: run.Samples.Count, fromParquet: false);
    }

    [Fact]
    public void A_bundle_listing_a_cell_twice_is_refused_naming_its_outcomes_and_nothing_is_stored()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 1);
        var before = Checksums(db);
        var bundles = dir.Combine("bundles");
        RunBundle.Write(SampleRuns.Make("fine"), bundles);
        var doubled = SampleRuns.Make("doubled");
        var cell = doubled.Cells[^1];
        // run.json and outcomes.parquet agree (both list the cell twice): only the store can tell.
        var bundle = RunBundle.Write(doubled with { Cells = [.. doubled.Cells, cell] }, bundles);
        Assert.True(RunBundle.ReadForIngest([bundle]).Single().FromParquet);

        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundles, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory ingest: error: {Path.Combine(bundle, "outcomes.parquet")}: run doubled lists the cell {cell.Workload}/{cell.Variant} on {cell.Engine} twice; nothing was stored\n", r.Error);
        Assert.Equal(before, Checksums(db));
    }

    [Fact]
    public void A_batch_stops_at_the_first_run_that_would_mix_synthetic_and_measured()
    {
        using var dir = new TempDirectory();
        var bundles = dir.Combine("bundles");
        var synthetic = new SyntheticHistory(new SyntheticOptions(Runs: 1, Engines: 2, Variants: 1, Samples: 1)).Runs().Single();
        RunBundle.Write(synthetic, bundles);
        RunBundle.Write(SampleRuns.Make("zz-measured"), bundles);
        var db = dir.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundles, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"ingested {synthetic.RunId} from {Path.Combine(bundles, synthetic.RunId)}\n", r.Out);
        Assert.Equal($"observatory ingest: error: database {db} holds a synthetic history; measured run zz-measured was not stored (use another --db for real results)\n", r.Error);
        Assert.Equal(1L, Count(db, "runs"));
        Assert.Equal(2L, Count(db, "samples"));
    }

    /// <summary>Ingests the bundles with the CLI and each run from its run.json into a second store; both must hold the same rows.</summary>
    private static Dictionary<string, (long Rows, string Sum)> AssertSameAsFromRunJson(TempDirectory dir, string bundles, IReadOnlyList<RunInfo> runs, long expectSamples, bool fromParquet = true)
    {
        var paths = runs.Select(r => Path.Combine(bundles, r.RunId)).ToList();
        Assert.All(RunBundle.ReadForIngest(paths), s => Assert.Equal(fromParquet, s.FromParquet));

        var viaIngest = dir.Combine("ingest.duckdb");
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundles, "--db", viaIngest);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.EndsWith($"{runs.Count} ingested, 0 already stored\n", r.Out);

        var viaRunJson = dir.Combine("run-json.duckdb");
        using (var store = ObservatoryStore.Open(viaRunJson))
            foreach (var p in paths) Assert.True(store.Ingest(RunBundle.Read(p)));

        var expected = Checksums(viaRunJson);
        Assert.Equal(expectSamples, expected["samples"].Rows);
        Assert.Equal(expected, Checksums(viaIngest));
        return expected;
    }

    /// <summary>Per table: its row count and the sum of a hash of every column of every row (order-free).</summary>
    private static Dictionary<string, (long Rows, string Sum)> Checksums(string db)
    {
        using var conn = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
        conn.Open();
        var sums = new Dictionary<string, (long, string)>();
        foreach (var table in Tables)
        {
            var columns = new List<string>();
            using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = $"SELECT column_name FROM duckdb_columns() WHERE table_name = '{table}' ORDER BY column_index";
                using var r = cmd.ExecuteReader();
                while (r.Read()) columns.Add($"\"{r.GetString(0)}\"");
            }
            Assert.NotEmpty(columns);
            using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = $"SELECT count(*), coalesce(sum(hash({string.Join(", ", columns)})::HUGEINT), 0)::VARCHAR FROM {table}";
                using var r = cmd.ExecuteReader();
                Assert.True(r.Read());
                sums[table] = (Convert.ToInt64(r.GetValue(0)), r.GetString(1));
            }
        }
        return sums;
    }

    private static long Count(string db, string table)
    {
        using var conn = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }
}
