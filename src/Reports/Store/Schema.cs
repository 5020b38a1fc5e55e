namespace Observatory.Reports.Store;

/// <summary>
/// The database schema. Bump <see cref="Version"/> and add a migration step when a
/// table changes; a database written by a newer observatory is refused, not damaged.
/// </summary>
public static class Schema
{
    public const int Version = 1;

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
            governor VARCHAR, dotnet_version VARCHAR, toolchain_json VARCHAR, variables_json VARCHAR
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS runs (
            run_id VARCHAR PRIMARY KEY,
            label VARCHAR, profile VARCHAR,
            started_utc TIMESTAMP, finished_utc TIMESTAMP,
            fingerprint_id VARCHAR, observatory_version VARCHAR
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS engines (
            run_id VARCHAR, engine_id VARCHAR, family VARCHAR, version VARCHAR, tier VARCHAR,
            flags VARCHAR, source VARCHAR, status VARCHAR, reason VARCHAR, is_native BOOLEAN,
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
            peak_rss_kb BIGINT, exit_code INTEGER, stdout_sha256 VARCHAR, message VARCHAR
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS outcomes (
            run_id VARCHAR, workload VARCHAR, variant VARCHAR, engine_id VARCHAR, outcome VARCHAR,
            samples INTEGER, median_ns DOUBLE, ci_low_ns DOUBLE, ci_high_ns DOUBLE,
            ratio_to_native DOUBLE, ratio_ci_low DOUBLE, ratio_ci_high DOUBLE,
            median_compile_ns DOUBLE, median_instantiate_ns DOUBLE, message VARCHAR,
            PRIMARY KEY (run_id, workload, variant, engine_id)
        )
        """,
    ];
}
