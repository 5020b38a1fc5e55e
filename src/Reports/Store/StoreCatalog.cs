namespace Observatory.Reports.Store;

/// <summary>
/// One line per table and view of the store: what it holds, for `observatory query --list`.
/// The full column reference is docs/schema.md; a test keeps every relation described here.
/// </summary>
public static class StoreCatalog
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["schema_version"] = "schema versions applied to this file, with when",
        ["fingerprints"] = "machine and toolchain fingerprints (CPU, memory, kernel, runtimes, pinning), one per distinct environment",
        ["runs"] = "benchmark runs: id, label, profile, start/finish (UTC), fingerprint, protocol",
        ["engines"] = "engines of each run: family, version, tier, flags, status and why not ready",
        ["workloads"] = "workload variants of each run: category, language, module hashes and size, arguments",
        ["samples"] = "every measured iteration: phase times (ns), peak RSS (kB), outcome, output hash",
        ["outcomes"] = "one row per run, workload variant and engine (a cell): outcome, median with 95% CI (ns), ratio to native, phase medians, memory",
        ["sample_regions"] = "each bench.start/bench.end span of a sample (ns), in call order",
        ["portability"] = "portability matrix: each workload variant once per engine and ISA (emulated or not), verdict against the x86_64 reference, first differing bytes, the input it ran (input_profile: emulated or quick)",
        ["regions"] = "per cell and named region: count of work, median with 95% CI (ns), rate per second",
        ["conformance_runs"] = "conformance runs: suite, suite root, revision, start/finish (UTC)",
        ["conformance_engine_runs"] = "per conformance run and engine: version, wall time (s), files, assertions, instruction set and whether emulated",
        ["conformance_results"] = "one row per directive per engine: file, line, feature, outcome, expected/actual",
        ["conformance_summary"] = "per conformance run, engine and feature, over every directive: total, passed, failed, skipped, and the assertions, module directives and actions among them",
        ["differential_outputs"] = "per run and workload variant: distinct stdout hashes across engines (differs = engines disagree)",
        ["latest_cells"] = "the cells of the latest run: workload, variant, engine, outcome, median and CI (ns), ratio to native and CI",
        ["engine_workload_ratios"] = "per run, wasm engine and workload variant: ratio to native with CI (completed cells only)",
        ["latest_engine_geomeans"] = "per wasm engine in the latest run: geometric mean, min and max of its ratios to native",
        ["conformance_by_engine_feature"] = "latest conformance run of each suite, per engine and feature: total, passed, failed, skipped, pass %",
    };

    public static string Describe(string relation) => Descriptions.TryGetValue(relation, out var d) ? d : "";
}
