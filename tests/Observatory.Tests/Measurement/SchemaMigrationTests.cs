using DuckDB.NET.Data;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Measurement;

/// <summary>A database written by schema version 1 (the foundation's layout, verbatim) still opens, upgrades in place and compares.</summary>
public class SchemaMigrationTests
{
    private static readonly string[] Version1 =
    [
        "CREATE TABLE schema_version (version INTEGER NOT NULL, applied_utc TIMESTAMP NOT NULL)",
        """
        CREATE TABLE fingerprints (
            fingerprint_id VARCHAR PRIMARY KEY,
            hostname VARCHAR, cpu_model VARCHAR, cpu_flags VARCHAR, logical_cores INTEGER,
            memory_kb BIGINT, kernel VARCHAR, arch VARCHAR, os VARCHAR, virtualization VARCHAR,
            governor VARCHAR, dotnet_version VARCHAR, toolchain_json VARCHAR, variables_json VARCHAR)
        """,
        """
        CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, label VARCHAR, profile VARCHAR,
            started_utc TIMESTAMP, finished_utc TIMESTAMP, fingerprint_id VARCHAR, observatory_version VARCHAR)
        """,
        """
        CREATE TABLE engines (run_id VARCHAR, engine_id VARCHAR, family VARCHAR, version VARCHAR, tier VARCHAR,
            flags VARCHAR, source VARCHAR, status VARCHAR, reason VARCHAR, is_native BOOLEAN, PRIMARY KEY (run_id, engine_id))
        """,
        """
        CREATE TABLE workloads (run_id VARCHAR, workload VARCHAR, variant VARCHAR, category VARCHAR, language VARCHAR,
            wasm_sha256 VARCHAR, native_sha256 VARCHAR, wasm_bytes BIGINT, args VARCHAR, PRIMARY KEY (run_id, workload, variant))
        """,
        """
        CREATE TABLE samples (run_id VARCHAR, workload VARCHAR, variant VARCHAR, engine_id VARCHAR,
            process INTEGER, iteration INTEGER, cold BOOLEAN, outcome VARCHAR,
            compile_ns BIGINT, instantiate_ns BIGINT, execute_ns BIGINT, region_ns BIGINT, total_ns BIGINT,
            peak_rss_kb BIGINT, exit_code INTEGER, stdout_sha256 VARCHAR, message VARCHAR)
        """,
        """
        CREATE TABLE outcomes (run_id VARCHAR, workload VARCHAR, variant VARCHAR, engine_id VARCHAR, outcome VARCHAR,
            samples INTEGER, median_ns DOUBLE, ci_low_ns DOUBLE, ci_high_ns DOUBLE,
            ratio_to_native DOUBLE, ratio_ci_low DOUBLE, ratio_ci_high DOUBLE,
            median_compile_ns DOUBLE, median_instantiate_ns DOUBLE, message VARCHAR,
            PRIMARY KEY (run_id, workload, variant, engine_id))
        """,
        "INSERT INTO schema_version VALUES (1, now())",
        """
        INSERT INTO fingerprints VALUES ('fp1', 'host', 'Old CPU', 'sse2', 2, 16000000, '6.1', 'x64', 'Debian', 'none',
            NULL, '10.0', '{"clang":"clang 22","engine:wasmtime-50.0.1/cranelift":"50.0.1"}', '{}')
        """,
        "INSERT INTO runs VALUES ('old-run', 'v1', 'quick', TIMESTAMP '2026-01-01 00:00:00', TIMESTAMP '2026-01-01 00:10:00', 'fp1', '1.0')",
        "INSERT INTO engines VALUES ('old-run', 'wasmtime-50.0.1/cranelift', 'wasmtime', '50.0.1', 'cranelift', '', '', 'ready', '', false)",
        "INSERT INTO workloads VALUES ('old-run', 'sum', 'O2', 'kernel', 'c', 'aa', 'bb', 1000, '100')",
        """
        INSERT INTO samples SELECT 'old-run', 'sum', 'O2', 'wasmtime-50.0.1/cranelift', p, i, i = 0, 'ok',
            1000000, 10000, 10000000 + 1000 * (p * 3 + i), 9000000 + 1000 * (p * 3 + i), CASE WHEN i = 0 THEN 90000000 END,
            40000, 0, 'aa', NULL
        FROM range(6) t1(p), range(3) t2(i)
        """,
        "INSERT INTO outcomes VALUES ('old-run', 'sum', 'O2', 'wasmtime-50.0.1/cranelift', 'ok', 12, 9000000, 8990000, 9010000, NULL, NULL, NULL, 1000000, 10000, NULL)",
    ];

    private static string Version1Database(TempDirectory dir)
    {
        var db = dir.Combine("v1.duckdb");
        using var conn = new DuckDBConnection($"Data Source={db}");
        conn.Open();
        foreach (var sql in Version1)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        return db;
    }

    [Fact]
    public void A_version_1_database_is_upgraded_in_place_and_keeps_its_rows()
    {
        using var dir = new TempDirectory();
        var db = Version1Database(dir);
        using (var store = ObservatoryStore.Open(db))
        {
            Assert.Equal(Schema.Version, store.SchemaVersion);
            Assert.Equal(18, store.Scalar<long>("SELECT count(*) FROM samples WHERE run_id = 'old-run'"));
            // Old rows read as what they were: time samples, none of them warm-ups.
            Assert.Equal(18, store.Scalar<long>("SELECT count(*) FROM samples WHERE metric = 'time' AND NOT warmup AND cpu_ns IS NULL"));
            Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM outcomes WHERE overhead_region_ns IS NOT NULL"));
            // New runs go in beside the old one.
            Assert.True(store.Ingest(SampleRuns.Make("new-run")));
            Assert.Equal(2, store.Scalar<long>("SELECT count(*) FROM runs"));
        }
        // Opening again is a no-op: the migration is recorded once.
        using (var store = ObservatoryStore.Open(db))
            Assert.Equal(1, store.Scalar<long>($"SELECT count(*) FROM schema_version WHERE version = {Schema.Version}"));
    }

    /// <summary>A version-2 database: the version-1 layout taken through observatory 2's own migration step.</summary>
    private static string Version2Database(TempDirectory dir)
    {
        var db = Version1Database(dir);
        using var conn = new DuckDBConnection($"Data Source={db}");
        conn.Open();
        foreach (var sql in Schema.Migrations.Single(m => m.ToVersion == 2).Steps.Append("INSERT INTO schema_version VALUES (2, now())"))
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        return db;
    }

    [Fact]
    public void A_version_2_database_gains_the_region_tables_in_place_and_keeps_its_rows()
    {
        using var dir = new TempDirectory();
        var db = Version2Database(dir);
        using (var store = ObservatoryStore.Open(db))
        {
            Assert.Equal(Schema.Version, store.SchemaVersion);
            Assert.Equal(18, store.Scalar<long>("SELECT count(*) FROM samples WHERE run_id = 'old-run'"));
            // Schema 4: runs from before interruption was recorded all sampled to their end.
            Assert.Equal("complete", store.Scalar<string>("SELECT status FROM runs WHERE run_id = 'old-run'"));
            Assert.Equal(1, store.Scalar<long>("SELECT count(*) FROM outcomes WHERE run_id = 'old-run'"));
            // Old samples keep their summed region and simply have no spans.
            Assert.Equal(18, store.Scalar<long>("SELECT count(*) FROM samples WHERE region_ns IS NOT NULL"));
            Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM sample_regions"));
            Assert.True(store.Ingest(SampleRuns.WithRegions("new-run")));
            Assert.Equal(4, store.Scalar<long>("SELECT count(*) FROM regions WHERE run_id = 'new-run'"));
            Assert.Equal(2 * 12, store.Scalar<long>("SELECT count(*) FROM sample_regions WHERE run_id = 'new-run'"));
            Assert.Equal("decode", store.Scalar<string>("SELECT name FROM regions WHERE engine_id = 'native' AND region_index = 1"));
        }
        using (var store = ObservatoryStore.Open(db))
        {
            Assert.Equal(1, store.Scalar<long>("SELECT count(*) FROM schema_version WHERE version = 3"));
            Assert.Equal(2, store.Scalar<long>("SELECT count(*) FROM runs"));
        }
    }

    [Fact]
    public void Runs_from_before_the_upgrade_still_compare_on_wall_time()
    {
        using var dir = new TempDirectory();
        var db = Version1Database(dir);
        using (var store = ObservatoryStore.Open(db)) Assert.True(store.Ingest(SampleRuns.Make("new-run")));
        using var s = ObservatoryStore.Open(db);
        var old = RunReference.Resolve(s, "v1");
        // The fingerprints differ (the old one is from another machine): compare, but only when allowed.
        var fresh = RunReference.Resolve(s, "new-run");
        Assert.Throws<FingerprintMismatchException>(() => RunComparer.Compare(s, old, fresh, ComparisonMetric.Auto));
        var report = RunComparer.Compare(s, old, fresh, ComparisonMetric.Auto, allowDifferentFingerprints: true);
        var cell = Assert.Single(report.Cells);
        Assert.Equal("wall", cell.Metric); // schema-1 samples have no CPU time
        Assert.Equal(18 - 6, cell.BaseSamples); // warm samples only
    }

    [Fact]
    public void A_read_only_open_of_an_old_database_says_how_to_upgrade_it()
    {
        using var dir = new TempDirectory();
        var db = Version1Database(dir);
        var e = Assert.Throws<StoreException>(() => ObservatoryStore.Open(db, readOnly: true));
        Assert.Contains(db, e.Message);
        Assert.Contains("schema version 1", e.Message);
        Assert.Contains("upgrade", e.Message);
    }
}
