namespace Observatory.Reports.Store;

/// <summary>
/// The database schema. Bump <see cref="Version"/> and add a migration step when a
/// table changes; a database written by a newer observatory is refused, not damaged.
/// New columns go at the end of a table, both in <see cref="Statements"/> (fresh
/// databases) and in <see cref="Migrations"/> (older ones), so rows are laid out the
/// same either way and the appenders can write by position.
/// </summary>
public static class Schema
{
    public const int Version = 9;

    /// <summary>Each bench.start/bench.end span of a sample, in call order (schema 3); samples.region_ns is their sum.</summary>
    public const string SampleRegionsTable = """
        CREATE TABLE IF NOT EXISTS sample_regions (
            run_id VARCHAR, workload VARCHAR, variant VARCHAR, engine_id VARCHAR,
            process INTEGER, iteration INTEGER, region_index INTEGER, region_ns BIGINT
        )
        """;

    /// <summary>Per cell and region (schema 3): name, unit and count of work, median with 95% CI, rate per second.</summary>
    public const string RegionsTable = """
        CREATE TABLE IF NOT EXISTS regions (
            run_id VARCHAR, workload VARCHAR, variant VARCHAR, engine_id VARCHAR,
            region_index INTEGER, name VARCHAR, unit VARCHAR, count BIGINT, declared BOOLEAN,
            samples INTEGER, median_ns DOUBLE, ci_low_ns DOUBLE, ci_high_ns DOUBLE, rate_per_second DOUBLE,
            PRIMARY KEY (run_id, workload, variant, engine_id, region_index)
        )
        """;

    /// <summary>The portability matrix (schema 6): each workload variant once per engine and ISA, verdict against the x86_64 reference.</summary>
    public const string PortabilityTable = """
        CREATE TABLE IF NOT EXISTS portability (
            run_id VARCHAR, started_utc TIMESTAMP, workload VARCHAR, variant VARCHAR, engine_id VARCHAR,
            family VARCHAR, version VARCHAR, isa VARCHAR, emulated BOOLEAN, verdict VARCHAR, message VARCHAR,
            reference_engine VARCHAR, first_difference BIGINT, expected_bytes VARCHAR, actual_bytes VARCHAR, wall_ns BIGINT,
            input_profile VARCHAR,
            PRIMARY KEY (run_id, workload, variant, engine_id)
        )
        """;

    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL,
            applied_utc TIMESTAMP NOT NULL
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS fingerprints (
            fingerprint_id VARCHAR PRIMARY KEY,
            hostname VARCHAR, cpu_model VARCHAR, cpu_flags VARCHAR, logical_cores INTEGER,
            memory_kb BIGINT, kernel VARCHAR, arch VARCHAR, os VARCHAR, virtualization VARCHAR,
            governor VARCHAR, dotnet_version VARCHAR, toolchain_json VARCHAR, variables_json VARCHAR,
            runtimes_json VARCHAR, workloads_json VARCHAR, pinning VARCHAR
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS runs (
            run_id VARCHAR PRIMARY KEY,
            label VARCHAR, profile VARCHAR,
            started_utc TIMESTAMP, finished_utc TIMESTAMP,
            fingerprint_id VARCHAR, observatory_version VARCHAR,
            protocol_json VARCHAR, pinned_cpus VARCHAR,
            status VARCHAR DEFAULT 'complete',
            synthetic BOOLEAN DEFAULT false
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS engines (
            run_id VARCHAR, engine_id VARCHAR, family VARCHAR, version VARCHAR, tier VARCHAR,
            flags VARCHAR, source VARCHAR, status VARCHAR, reason VARCHAR, is_native BOOLEAN,
            isa VARCHAR, emulated BOOLEAN DEFAULT false,
            PRIMARY KEY (run_id, engine_id)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS workloads (
            run_id VARCHAR, workload VARCHAR, variant VARCHAR, category VARCHAR, language VARCHAR,
            wasm_sha256 VARCHAR, native_sha256 VARCHAR, wasm_bytes BIGINT, args VARCHAR,
            PRIMARY KEY (run_id, workload, variant)
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS samples (
            run_id VARCHAR, workload VARCHAR, variant VARCHAR, engine_id VARCHAR,
            process INTEGER, iteration INTEGER, cold BOOLEAN, outcome VARCHAR,
            compile_ns BIGINT, instantiate_ns BIGINT, execute_ns BIGINT, region_ns BIGINT, total_ns BIGINT,
            peak_rss_kb BIGINT, exit_code INTEGER, stdout_sha256 VARCHAR, message VARCHAR,
            warmup BOOLEAN DEFAULT false, cpu_ns BIGINT, linear_memory_bytes BIGINT,
            metric VARCHAR DEFAULT 'time', instructions BIGINT,
            round INTEGER, normalized DOUBLE
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS outcomes (
            run_id VARCHAR, workload VARCHAR, variant VARCHAR, engine_id VARCHAR, outcome VARCHAR,
            samples INTEGER, median_ns DOUBLE, ci_low_ns DOUBLE, ci_high_ns DOUBLE,
            ratio_to_native DOUBLE, ratio_ci_low DOUBLE, ratio_ci_high DOUBLE,
            median_compile_ns DOUBLE, median_instantiate_ns DOUBLE, message VARCHAR,
            processes INTEGER, stop_reason VARCHAR, ci_target_met BOOLEAN,
            median_cpu_ns DOUBLE, cpu_ci_low_ns DOUBLE, cpu_ci_high_ns DOUBLE,
            cold_total_median_ns DOUBLE, cold_total_ci_low_ns DOUBLE, cold_total_ci_high_ns DOUBLE, cold_execute_median_ns DOUBLE,
            median_peak_rss_kb DOUBLE, max_peak_rss_kb BIGINT, max_linear_memory_bytes BIGINT, median_instructions DOUBLE,
            overhead_compile_ns DOUBLE, overhead_instantiate_ns DOUBLE, overhead_execute_ns DOUBLE,
            overhead_region_ns DOUBLE, overhead_total_ns DOUBLE, overhead_cpu_ns DOUBLE,
            stderr_tail VARCHAR, output_diff VARCHAR
        )
        """,
        SampleRegionsTable,
        RegionsTable,
        PortabilityTable,
    ];

    /// <summary>
    /// Steps from each older version, applied in order to databases whose recorded version
    /// is lower. ADD COLUMN IF NOT EXISTS makes them idempotent, so a database whose
    /// tables were already created by <see cref="Statements"/> passes through unchanged.
    /// Existing rows get the column default: schema-1 samples are time samples, not warm-up.
    /// </summary>
    public static readonly IReadOnlyList<(int ToVersion, string[] Steps)> Migrations =
    [
        (2,
        [
            "ALTER TABLE fingerprints ADD COLUMN IF NOT EXISTS runtimes_json VARCHAR",
            "ALTER TABLE fingerprints ADD COLUMN IF NOT EXISTS workloads_json VARCHAR",
            "ALTER TABLE fingerprints ADD COLUMN IF NOT EXISTS pinning VARCHAR",
            "ALTER TABLE runs ADD COLUMN IF NOT EXISTS protocol_json VARCHAR",
            "ALTER TABLE runs ADD COLUMN IF NOT EXISTS pinned_cpus VARCHAR",
            "ALTER TABLE samples ADD COLUMN IF NOT EXISTS warmup BOOLEAN DEFAULT false",
            "ALTER TABLE samples ADD COLUMN IF NOT EXISTS cpu_ns BIGINT",
            "ALTER TABLE samples ADD COLUMN IF NOT EXISTS linear_memory_bytes BIGINT",
            "ALTER TABLE samples ADD COLUMN IF NOT EXISTS metric VARCHAR DEFAULT 'time'",
            "ALTER TABLE samples ADD COLUMN IF NOT EXISTS instructions BIGINT",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS processes INTEGER",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS stop_reason VARCHAR",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS ci_target_met BOOLEAN",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS median_cpu_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS cpu_ci_low_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS cpu_ci_high_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS cold_total_median_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS cold_total_ci_low_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS cold_total_ci_high_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS cold_execute_median_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS median_peak_rss_kb DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS max_peak_rss_kb BIGINT",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS max_linear_memory_bytes BIGINT",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS median_instructions DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS overhead_compile_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS overhead_instantiate_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS overhead_execute_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS overhead_region_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS overhead_total_ns DOUBLE",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS overhead_cpu_ns DOUBLE",
        ]),
        // Named regions: new tables only; older samples keep their summed region_ns and have no spans.
        (3, [SampleRegionsTable, RegionsTable]),
        // Interrupted runs (schema 4): older runs all sampled to their end.
        (4, ["ALTER TABLE runs ADD COLUMN IF NOT EXISTS status VARCHAR DEFAULT 'complete'"]),
        // Sampling rounds and the drift-cancelling normalized metric (schema 5): older samples have neither.
        (5,
        [
            "ALTER TABLE samples ADD COLUMN IF NOT EXISTS round INTEGER",
            "ALTER TABLE samples ADD COLUMN IF NOT EXISTS normalized DOUBLE",
        ]),
        // Schema 6: a failed cell's guest stderr tail and its wrong output's unified diff (older cells have
        // neither); architecture as a dimension (older engines ran on their machine's ISA: NULL, see the
        // fingerprint's arch; never emulated); synthetic runs are marked.
        (6,
        [
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS stderr_tail VARCHAR",
            "ALTER TABLE outcomes ADD COLUMN IF NOT EXISTS output_diff VARCHAR",
            "ALTER TABLE engines ADD COLUMN IF NOT EXISTS isa VARCHAR",
            "ALTER TABLE engines ADD COLUMN IF NOT EXISTS emulated BOOLEAN DEFAULT false",
            PortabilityTable,
            "ALTER TABLE runs ADD COLUMN IF NOT EXISTS synthetic BOOLEAN DEFAULT false",
        ]),
        // Schema 7: conformance results per ISA (conformance_engine_runs.isa/emulated). The conformance tables
        // are created by their own idempotent statements; running them here gives every upgraded file the
        // columns the report reads, even one whose conformance tables predate them.
        (7, ConformanceStore.Statements),
        // Schema 8: outcomes without a primary key. Its index nearly doubled the bulk insert of a year of
        // nights and was never what kept a cell single: a run already stored is refused by its id before
        // anything is inserted, and a run listing a cell twice is refused by UniqueCells. DuckDB cannot drop
        // a key, so the table is rebuilt (same columns, same order, every row) in the migration's transaction.
        // First in this step: columns other steps add to outcomes come after the rebuild, defaults and all.
        (8,
        [
            "CREATE TABLE outcomes_schema8 AS SELECT * FROM outcomes",
            "DROP TABLE outcomes",
            "ALTER TABLE outcomes_schema8 RENAME TO outcomes",
        ]),
        // Schema 9: the input a portability cell ran ("emulated" when its workload declares a smaller input for
        // the matrix, else the profile); older rows all ran their profile's input, left NULL (shown as quick).
        (9,
        [
            "ALTER TABLE portability ADD COLUMN IF NOT EXISTS input_profile VARCHAR",
        ]),
    ];
}
