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

    /// <summary>
    /// A version-7 database: the version-1 layout taken through every step up to 7 (outcomes still keyed),
    /// with 40 more outcome rows and the named views over outcomes that every opened store has.
    /// </summary>
    private static string Version7Database(TempDirectory dir)
    {
        var db = Version1Database(dir);
        using var conn = new DuckDBConnection($"Data Source={db}");
        conn.Open();
        var steps = Schema.Migrations.Where(m => m.ToVersion <= 7).OrderBy(m => m.ToVersion)
            .SelectMany(m => m.Steps.Append($"INSERT INTO schema_version VALUES ({m.ToVersion}, now())"))
            .Append("""
                INSERT INTO outcomes (run_id, workload, variant, engine_id, outcome, samples, median_ns, stderr_tail, max_peak_rss_kb)
                SELECT 'old-run', 'w' || i, 'O2', 'wasmtime-50.0.1/cranelift', 'ok', 10, 1000.5 * i, 'tail ' || i, i * 7
                FROM range(40) t(i)
                """)
            .Concat(NamedViews.Benchmark.Select(v => v.CreateOrReplace));
        foreach (var sql in steps)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            cmd.ExecuteNonQuery();
        }
        return db;
    }

    /// <summary>Outcomes' columns (name and type, in order), its primary keys, and the old run's rows as text, in a fixed order.</summary>
    private static (string Columns, long Keys, List<string> Rows) Outcomes(string db)
    {
        using var conn = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
        conn.Open();
        string One(string sql)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }
        var columns = One("SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) FROM duckdb_columns() WHERE table_name = 'outcomes'");
        var keys = long.Parse(One("SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'outcomes' AND constraint_type = 'PRIMARY KEY'"), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string>();
        using (var cmd = conn.CreateCommand())
        {
            cmd.CommandText = "SELECT CAST(o AS VARCHAR) FROM outcomes o WHERE run_id = 'old-run' ORDER BY workload";
            using var r = cmd.ExecuteReader();
            while (r.Read()) rows.Add(r.GetString(0));
        }
        return (columns, keys, rows);
    }

    [Fact]
    public void A_version_7_database_loses_the_outcomes_key_keeps_every_row_and_still_refuses_duplicates()
    {
        using var dir = new TempDirectory();
        var db = Version7Database(dir);
        var before = Outcomes(db);
        Assert.Equal(1, before.Keys);
        Assert.Equal(41, before.Rows.Count);
        Assert.Contains(before.Rows, r => r.Contains("tail 39", StringComparison.Ordinal));

        using (var store = ObservatoryStore.Open(db))
        {
            // Upgraded through step 8 to the current schema.
            Assert.Equal(Schema.Version, store.SchemaVersion);
            // A run stored twice is still stored once: refused by its id, not by a key.
            var fresh = SampleRuns.Make("new-run");
            Assert.True(store.Ingest(fresh));
            Assert.False(store.Ingest(fresh));
            Assert.Equal(fresh.Cells.Count, store.Scalar<long>("SELECT count(*) FROM outcomes WHERE run_id = 'new-run'"));
            // A run listing a cell twice is refused whole.
            var doubled = SampleRuns.Make("doubled");
            var e = Assert.Throws<StoreException>(() => store.Ingest(doubled with { Cells = [.. doubled.Cells, doubled.Cells[0]] }));
            Assert.Contains("twice", e.Message);
            Assert.Equal(2, store.Scalar<long>("SELECT count(*) FROM runs"));
            Assert.Equal(0, store.Scalar<long>("SELECT count(*) FROM outcomes WHERE run_id = 'doubled'"));
            // The views over outcomes read the rebuilt table.
            Assert.True(store.Scalar<long>($"SELECT count(*) FROM {NamedViews.Benchmark[0].Name}") > 0);
        }
        var after = Outcomes(db);
        Assert.Equal(0, after.Keys);
        Assert.Equal(before.Columns, after.Columns);
        Assert.Equal(before.Rows, after.Rows);
        using (var store = ObservatoryStore.Open(db))
            Assert.Equal(1, store.Scalar<long>("SELECT count(*) FROM schema_version WHERE version = 8"));
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
