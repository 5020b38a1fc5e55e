using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Core.Statistics;
using Observatory.Reports.Store;

namespace Observatory.Reports.Analysis;

/// <summary>One cell of a comparison: diff against base for one (workload, variant, engine).</summary>
public sealed record CellComparison
{
    public required string Workload { get; init; }
    public required string Variant { get; init; }
    public required string Engine { get; init; }
    /// <summary>The metric this cell was compared on (with <c>auto</c>: cpu or wall).</summary>
    public string Metric { get; init; } = "";
    public required int BaseSamples { get; init; }
    public required int DiffSamples { get; init; }
    public required double BaseMedian { get; init; }
    public required double DiffMedian { get; init; }
    /// <summary>median(diff) / median(base): 1.10 = diff takes 10% longer.</summary>
    public required double Ratio { get; init; }
    public required double CiLow { get; init; }
    public required double CiHigh { get; init; }
    /// <summary>Two-sided Mann-Whitney p-value; null for deterministic metrics (instructions).</summary>
    public double? P { get; init; }
    /// <summary>p after Benjamini-Hochberg across every cell of the comparison; the verdict uses it.</summary>
    public double? PAdjusted { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
    /// <summary>The workload's bytes or arguments differ between the runs (e.g. a 10% larger input).</summary>
    public string? WorkloadChange { get; init; }
    /// <summary>The harness overhead of the compared phase on this engine in the diff run (noop workload), when measured.</summary>
    public double? OverheadDiff { get; init; }
    /// <summary>An A/B cell judged on paired rounds: how many rounds had samples of both engines; null otherwise.</summary>
    public int? Rounds { get; init; }
}

/// <summary>A cell one run has and the other lacks, or where either side has no usable samples.</summary>
public sealed record SkippedCell(string Workload, string Variant, string Engine, string Reason);

/// <summary>Diff against base, cell by cell, with what differs between the two runs' fingerprints.</summary>
public sealed record ComparisonReport
{
    public required StoredRun Base { get; init; }
    public required StoredRun Diff { get; init; }
    public required ComparisonMetric Metric { get; init; }
    public required double Threshold { get; init; }
    public required double Alpha { get; init; }
    public required IReadOnlyList<string> FingerprintDifferences { get; init; }
    public required IReadOnlyList<CellComparison> Cells { get; init; }
    public required IReadOnlyList<SkippedCell> Skipped { get; init; }
    /// <summary>An A/B comparison inside one run (Base and Diff are that run): head engine against base engine.</summary>
    public AbPair? Ab { get; init; }
}

/// <summary>Raised when two runs were measured under different fingerprints and the caller did not allow comparing them.</summary>
public sealed class FingerprintMismatchException(StoredRun baseRun, StoredRun diffRun, IReadOnlyList<string> differences)
    : Exception($"refusing to compare run {baseRun.RunId} with {diffRun.RunId}: they were measured under different fingerprints ({baseRun.FingerprintId} vs {diffRun.FingerprintId}):\n  "
                + string.Join("\n  ", differences)
                + "\nnumbers from different machines or toolchains are not comparable; pass --allow-different-fingerprints to compare anyway")
{
    public IReadOnlyList<string> Differences { get; } = differences;
}

/// <summary>
/// Compares two stored runs: SQL gathers each cell's samples of the chosen metric from
/// the samples table (steady samples only where the metric says so, as the run summary
/// does), then each cell gets the ratio of medians with a bootstrap 95% CI, a
/// Mann-Whitney p-value and a verdict (<see cref="Comparison.Verdict"/>), with
/// Benjamini-Hochberg across the whole matrix. Deterministic metrics (instructions) are
/// decided on the ratio alone: the CI is the range of ratios the samples allow.
/// </summary>
public static class RunComparer
{
    /// <summary>
    /// The default threshold of an A/B comparison: 2%, on the paired ratio's estimate (the CI must
    /// only clear 1, see <see cref="PairedComparison"/>), so a 3% regression is called once
    /// `run --ab` has sampled the ratio to ±1%.
    /// </summary>
    public const double AbThreshold = PairedComparison.DefaultThreshold;

    public static ComparisonReport Compare(ObservatoryStore store, StoredRun baseRun, StoredRun diffRun, ComparisonMetric metric,
        double threshold = Comparison.DefaultThreshold, double alpha = Comparison.DefaultAlpha, bool allowDifferentFingerprints = false,
        Func<string, string, string, bool>? cellFilter = null)
    {
        var fb = StoredFingerprint.Of(store, baseRun.RunId);
        var fd = StoredFingerprint.Of(store, diffRun.RunId);
        var differences = FingerprintProbe.Differences(fb, fd);
        if (differences.Count > 0 && !allowDifferentFingerprints)
            throw new FingerprintMismatchException(baseRun, diffRun, differences);

        var pairs = CellPairs(store, baseRun.RunId, diffRun.RunId, metric)
            .Where(k => cellFilter is null || cellFilter(k.Workload, k.Variant, k.Engine)).ToList();
        // A foreign module is its bytes: the same name over different bytes is another benchmark, not a change.
        var otherModules = allowDifferentFingerprints ? [] : ForeignModuleDifferences(store, baseRun.RunId, diffRun.RunId);
        var refused = pairs.Where(k => otherModules.ContainsKey((k.Workload, k.Variant)))
            .Select(k => new SkippedCell(k.Workload, k.Variant, k.Engine, otherModules[(k.Workload, k.Variant)])).ToList();
        pairs = pairs.Where(k => !otherModules.ContainsKey((k.Workload, k.Variant))).ToList();
        var (cells, skipped) = CompareCells(store, baseRun.RunId, diffRun.RunId, metric, threshold, alpha, pairs,
            WorkloadChanges(store, baseRun.RunId, diffRun.RunId), NativeEngineOf(store, diffRun.RunId));
        skipped.InsertRange(0, refused);
        return new ComparisonReport
        {
            Base = baseRun, Diff = diffRun, Metric = metric, Threshold = threshold, Alpha = alpha,
            FingerprintDifferences = differences,
            Cells = cells, Skipped = skipped,
        };
    }

    /// <summary>An A/B run judged within itself, on its paired rounds (<see cref="AbComparer"/>).</summary>
    public static ComparisonReport CompareAb(ObservatoryStore store, StoredRun run, AbPair ab, ComparisonMetric metric,
        double threshold = AbThreshold, double alpha = Comparison.DefaultAlpha, Func<string, string, bool>? workloadFilter = null) =>
        AbComparer.Compare(store, run, ab, metric, threshold, alpha, workloadFilter);

    /// <summary>One cell to compare: the engine reported, and the engines whose samples are base and diff.</summary>
    private sealed record CellPair(string Workload, string Variant, string Engine, string BaseEngine, string DiffEngine);

    /// <summary>Every (workload, variant, engine) either run has, as a same-engine pair, sorted.</summary>
    private static IEnumerable<CellPair> CellPairs(ObservatoryStore store, string baseId, string diffId, ComparisonMetric metric) =>
        Outcomes(store, baseId, diffId, metric.IsAuto ? ComparisonMetric.Wall : metric).Keys
            .Select(k => (k.Workload, k.Variant, k.Engine)).Distinct()
            .OrderBy(k => k.Workload, StringComparer.Ordinal).ThenBy(k => k.Variant, StringComparer.Ordinal).ThenBy(k => k.Engine, StringComparer.Ordinal)
            .Select(k => new CellPair(k.Workload, k.Variant, k.Engine, k.Engine, k.Engine));

    private static (List<CellComparison> Cells, List<SkippedCell> Skipped) CompareCells(ObservatoryStore store, string baseId, string diffId,
        ComparisonMetric metric, double threshold, double alpha, IReadOnlyList<CellPair> pairs,
        Dictionary<(string, string, bool), string> changes, string? nativeEngine)
    {
        Dictionary<(string Run, string Workload, string Variant, string Engine), List<double>> lists(ComparisonMetric m) => SampleLists(store, baseId, diffId, m);
        var sides = metric.IsAuto ? null : lists(metric);
        var (wall, cpu) = metric.IsAuto ? (lists(ComparisonMetric.Wall), lists(ComparisonMetric.Cpu)) : (null, null);
        var instructions = metric.IsAuto ? lists(ComparisonMetric.Instructions) : null;
        var outcomes = Outcomes(store, baseId, diffId, metric.IsAuto ? ComparisonMetric.Wall : metric);
        var cpuOverheads = metric.IsAuto ? Outcomes(store, baseId, diffId, ComparisonMetric.Cpu) : null;

        var timed = new List<(CellComparison Cell, ComparisonResult Result)>();
        var cells = new List<CellComparison>();
        var skipped = new List<SkippedCell>();
        foreach (var (w, v, e, eb, ed) in pairs)
        {
            var ob = outcomes.GetValueOrDefault((baseId, w, v, eb));
            var od = outcomes.GetValueOrDefault((diffId, w, v, ed));
            var (baseName, diffName) = eb == ed ? ("base run", "diff run") : ($"base {eb}", $"head {ed}");
            string? why = ob is null ? (eb == ed ? "only in the diff run" : $"only {ed} ran it") : od is null ? (eb == ed ? "only in the base run" : $"only {eb} ran it")
                : ob.Outcome != "ok" ? $"{baseName}: {ob.Outcome}" : od.Outcome != "ok" ? $"{diffName}: {od.Outcome}" : null;
            var used = metric;
            if (metric.IsAuto && instructions!.GetValueOrDefault((baseId, w, v, eb)) is { Count: > 0 } && instructions!.GetValueOrDefault((diffId, w, v, ed)) is { Count: > 0 })
            {
                // Instruction counts on both sides: they do not move with machine load or drift, so they decide.
                used = ComparisonMetric.Instructions;
                sides = instructions;
            }
            else if (metric.IsAuto)
            {
                // CPU time when both sides report it for at least 80% of their steady samples (a few may
                // lack it, e.g. a native sample whose CPU time was dropped); else wall time.
                var (cb, cd, wb, wd) = (cpu!.GetValueOrDefault((baseId, w, v, eb)), cpu!.GetValueOrDefault((diffId, w, v, ed)),
                    wall!.GetValueOrDefault((baseId, w, v, eb)), wall!.GetValueOrDefault((diffId, w, v, ed)));
                var cpuComplete = cb is not null && cd is not null && cb.Count >= 0.8 * (wb?.Count ?? 0) && cd.Count >= 0.8 * (wd?.Count ?? 0);
                used = cpuComplete ? ComparisonMetric.Cpu : ComparisonMetric.Wall;
                sides = cpuComplete ? cpu! : wall!;
                if (cpuComplete) od = cpuOverheads!.GetValueOrDefault((diffId, w, v, ed)) ?? od;
            }
            var xb = sides!.GetValueOrDefault((baseId, w, v, eb)) ?? [];
            var xd = sides!.GetValueOrDefault((diffId, w, v, ed)) ?? [];
            why ??= xb.Count == 0 ? $"{baseName} has no {used.Name} samples{NoSamplesHint(used)}"
                : xd.Count == 0 ? $"{diffName} has no {used.Name} samples{NoSamplesHint(used)}" : null;
            if (why is not null)
            {
                skipped.Add(new SkippedCell(w, v, e, why));
                continue;
            }
            var change = changes.GetValueOrDefault((w, v, e == nativeEngine));
            if (used.IsDeterministic)
            {
                // Under auto the outcome row's overhead is a time: it does not belong beside counts.
                cells.Add(Deterministic(w, v, e, xb, xd, threshold) with { Metric = used.Name, WorkloadChange = change, OverheadDiff = metric.IsAuto ? null : od!.Overhead });
                continue;
            }
            var r = Comparison.Verdict(xb, xd, threshold, alpha);
            timed.Add((new CellComparison
            {
                Workload = w, Variant = v, Engine = e, Metric = used.Name, BaseSamples = xb.Count, DiffSamples = xd.Count,
                BaseMedian = r.BaseMedian, DiffMedian = r.DiffMedian, Ratio = r.Ratio, CiLow = r.RatioLow, CiHigh = r.RatioHigh,
                P = r.P, Verdict = r.Verdict, Reason = r.Reason, WorkloadChange = change, OverheadDiff = od!.Overhead,
            }, r));
        }
        if (timed.Count > 0)
        {
            var adjusted = Comparison.AdjustAcrossMatrix(timed.Select(t => t.Result).ToList());
            for (var i = 0; i < timed.Count; i++)
                cells.Add(timed[i].Cell with { PAdjusted = adjusted[i].PAdjusted, Verdict = adjusted[i].Verdict, Reason = adjusted[i].Reason });
        }
        cells = cells.OrderBy(c => c.Workload, StringComparer.Ordinal).ThenBy(c => c.Variant, StringComparer.Ordinal).ThenBy(c => c.Engine, StringComparer.Ordinal).ToList();
        return (cells, skipped);
    }

    internal static string NoSamplesHint(ComparisonMetric m) =>
        m.Name == ComparisonMetric.Normalized.Name
            ? " (it is the run's reference engine, normalized to itself, or the run has no reference samples in its rounds)"
            : "";

    /// <summary>
    /// Deterministic counts: the ratio of medians, and as its interval the extreme ratios
    /// min(diff)/max(base) .. max(diff)/min(base) (a single point when each side repeats
    /// one value). The same rule as for times: the whole interval beyond the threshold.
    /// </summary>
    internal static CellComparison Deterministic(string w, string v, string e, IReadOnlyList<double> xb, IReadOnlyList<double> xd, double threshold)
    {
        double mb = Descriptive.Median(xb), md = Descriptive.Median(xd);
        double ratio = md / mb, lo = xd.Min() / xb.Max(), hi = xd.Max() / xb.Min();
        var verdict = lo > 1 + threshold ? Verdict.Slower : hi < 1 - threshold ? Verdict.Faster : Verdict.Same;
        var change = FormattableString.Invariant($"{ratio - 1:+0.0%;-0.0%;0.0%}");
        var reason = verdict switch
        {
            Verdict.Slower => FormattableString.Invariant($"{change} instructions: beyond the ±{threshold:0.##%} threshold (deterministic count, no test needed)"),
            Verdict.Faster => FormattableString.Invariant($"{change} instructions: beyond the ±{threshold:0.##%} threshold (deterministic count, no test needed)"),
            _ => FormattableString.Invariant($"{change} instructions: within the ±{threshold:0.##%} threshold"),
        };
        return new CellComparison
        {
            Workload = w, Variant = v, Engine = e, BaseSamples = xb.Count, DiffSamples = xd.Count, BaseMedian = mb, DiffMedian = md,
            Ratio = ratio, CiLow = lo, CiHigh = hi, Verdict = verdict, Reason = reason,
        };
    }

    internal sealed record CellOutcome(string Outcome, double? Overhead);

    /// <summary>Each cell's samples of the metric, per run, in process/iteration order.</summary>
    private static Dictionary<(string Run, string Workload, string Variant, string Engine), List<double>> SampleLists(ObservatoryStore store, string baseId, string diffId, ComparisonMetric m) =>
        SampleRows(store, baseId, diffId, m).ToDictionary(kv => kv.Key, kv => kv.Value.Select(x => x.Value).ToList());

    /// <summary>Each cell's samples of the metric with their sampling round, per run, in process/iteration order.</summary>
    internal static Dictionary<(string Run, string Workload, string Variant, string Engine), List<(double Value, int? Round)>> SampleRows(ObservatoryStore store, string baseId, string diffId, ComparisonMetric m)
    {
        var sql = $"""
            WITH s AS (
                SELECT run_id, workload, variant, engine_id, process, iteration, NOT cold AS warm, round,
                       CAST({m.ValueSql} AS DOUBLE) AS v
                FROM samples
                WHERE run_id IN ($base, $diff) AND outcome = 'ok'
                  AND coalesce(metric, 'time') = $measure
                  AND NOT coalesce(warmup, false)
                  {(m.ColdOnly ? "AND cold" : "")}
            ), k AS (
                SELECT *, bool_or(warm) OVER (PARTITION BY run_id, workload, variant, engine_id) AS has_warm
                FROM s WHERE v IS NOT NULL AND v > 0
            )
            SELECT run_id, workload, variant, engine_id, list(v ORDER BY process, iteration) AS xs,
                   list(coalesce(round, -1) ORDER BY process, iteration) AS rs
            FROM k
            {(m.SteadyOnly ? "WHERE warm OR NOT has_warm" : "")}
            GROUP BY run_id, workload, variant, engine_id
            """;
        var result = new Dictionary<(string, string, string, string), List<(double, int?)>>();
        foreach (var row in store.Query(sql, ("base", baseId), ("diff", diffId), ("measure", m.Measure)))
        {
            var xs = ((System.Collections.IEnumerable)row["xs"]!).Cast<object?>().Select(x => Convert.ToDouble(x)).ToList();
            var rs = ((System.Collections.IEnumerable)row["rs"]!).Cast<object?>().Select(x => Convert.ToInt32(x)).ToList();
            result[((string)row["run_id"]!, (string)row["workload"]!, (string)row["variant"]!, (string)row["engine_id"]!)] =
                xs.Zip(rs, (x, r) => (x, r < 0 ? (int?)null : r)).ToList();
        }
        return result;
    }

    /// <summary>Cell outcomes of both runs, with the harness overhead of the compared phase.</summary>
    internal static Dictionary<(string Run, string Workload, string Variant, string Engine), CellOutcome> Outcomes(ObservatoryStore store, string baseId, string diffId, ComparisonMetric m)
    {
        var overhead = m.OverheadColumn switch
        {
            null => "CAST(NULL AS DOUBLE)",
            // The headline is the region when the module marks one, so its overhead is the noop's region.
            "overhead_headline" => """
                CASE WHEN EXISTS (SELECT 1 FROM samples s WHERE s.run_id = o.run_id AND s.workload = o.workload AND s.variant = o.variant
                                  AND s.engine_id = o.engine_id AND s.region_ns IS NOT NULL)
                     THEN o.overhead_region_ns ELSE o.overhead_execute_ns END
                """,
            var c => "o." + c,
        };
        var rows = store.Query($"""
            SELECT o.run_id, o.workload, o.variant, o.engine_id, o.outcome, {overhead} AS overhead
            FROM outcomes o WHERE o.run_id IN ($base, $diff) AND {EmulatedTimings.Excluded("o")}
            """, ("base", baseId), ("diff", diffId));
        return rows.ToDictionary(
            r => ((string)r["run_id"]!, (string)r["workload"]!, (string)r["variant"]!, (string)r["engine_id"]!),
            r => new CellOutcome((string)r["outcome"]!, r["overhead"] is null ? null : Convert.ToDouble(r["overhead"])));
    }

    private static string? NativeEngineOf(ObservatoryStore store, string runId) =>
        store.Query("SELECT engine_id FROM engines WHERE run_id = $r AND is_native LIMIT 1", ("r", runId)).FirstOrDefault()?["engine_id"] as string;

    /// <summary>
    /// Workloads whose measured bytes (wasm, or native for the native engine) or arguments
    /// differ between the runs, keyed by (workload, variant, is-native).
    /// </summary>
    private static Dictionary<(string, string, bool), string> WorkloadChanges(ObservatoryStore store, string baseId, string diffId)
    {
        var rows = store.Query("""
            SELECT b.workload, b.variant,
                   b.wasm_sha256 AS bw, d.wasm_sha256 AS dw, b.native_sha256 AS bn, d.native_sha256 AS dn,
                   coalesce(b.args, '') AS ba, coalesce(d.args, '') AS da
            FROM workloads b JOIN workloads d USING (workload, variant)
            WHERE b.run_id = $base AND d.run_id = $diff
            """, ("base", baseId), ("diff", diffId));
        var result = new Dictionary<(string, string, bool), string>();
        foreach (var r in rows)
        {
            string S(string k) => r[k] as string ?? "";
            foreach (var native in new[] { false, true })
            {
                var parts = new List<string>();
                var (hb, hd) = native ? (S("bn"), S("dn")) : (S("bw"), S("dw"));
                if (hb != hd) parts.Add($"{(native ? "native" : "wasm")} sha256 {Short(hb)} -> {Short(hd)}");
                if (S("ba") != S("da")) parts.Add($"args '{S("ba")}' -> '{S("da")}'");
                if (parts.Count > 0) result[(S("workload"), S("variant"), native)] = string.Join(", ", parts);
            }
        }
        return result;
    }

    /// <summary>
    /// Foreign modules (`run --wasm`, category adhoc) measured under one workload name in both runs
    /// whose module bytes differ, each with the refusal naming both hashes.
    /// </summary>
    private static Dictionary<(string, string), string> ForeignModuleDifferences(ObservatoryStore store, string baseId, string diffId) =>
        store.Query("""
            SELECT b.workload, b.variant, b.wasm_sha256 AS bw, d.wasm_sha256 AS dw
            FROM workloads b JOIN workloads d USING (workload, variant)
            WHERE b.run_id = $base AND d.run_id = $diff
              AND (b.category = $foreign OR d.category = $foreign)
              AND coalesce(b.wasm_sha256, '') <> coalesce(d.wasm_sha256, '')
            """, ("base", baseId), ("diff", diffId), ("foreign", Core.Workloads.WorkloadManifest.ForeignCategory))
            .ToDictionary(r => ((string)r["workload"]!, (string)r["variant"]!),
                r => $"different modules under one name: wasm sha256 {r["bw"] ?? "(none)"} in the base run, {r["dw"] ?? "(none)"} in the diff run; "
                     + "a foreign module is identified by its bytes (--allow-different-fingerprints compares them anyway)");

    private static string Short(string h) => h.Length > 12 ? h[..12] : h.Length == 0 ? "(none)" : h;
}
