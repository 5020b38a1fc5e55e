using System.Text.Json.Nodes;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// What a stored directive is, for the counts: an assertion (assert_*), a module directive
/// (module, module instance, register: each passes, fails or errs like an assertion) or a bare
/// action (invoke / get outside an assertion, which must not trap).
/// </summary>
public enum DirectiveKind { Assertion, Module, Action }

/// <summary>Results counted by outcome: failed = fail, error, timeout, crash; skipped = unsupported, not-applicable.</summary>
public sealed record OutcomeCounts(int Total, int Passed, int Failed, int Skipped)
{
    public static OutcomeCounts Of(IEnumerable<ConformanceRow> rows)
    {
        int total = 0, passed = 0, failed = 0, skipped = 0;
        foreach (var r in rows)
        {
            total++;
            if (r.Outcome == "pass") passed++;
            else if (ConformanceSummary.IsFailure(r)) failed++;
            else if (ConformanceSummary.IsSkipped(r)) skipped++;
        }
        return new OutcomeCounts(total, passed, failed, skipped);
    }

    public JsonObject ToJson() => new() { ["total"] = Total, ["passed"] = Passed, ["failed"] = Failed, ["skipped"] = Skipped };
}

/// <summary>
/// One engine's results in a conformance run: every directive counted (a module that failed to
/// instantiate is a failure, as an assertion is), split by kind and by feature, with the failures
/// themselves and the engine's own wall time.
/// </summary>
public sealed record EngineSummary(
    string Engine, OutcomeCounts All, IReadOnlyDictionary<DirectiveKind, OutcomeCounts> ByKind, double? WallSeconds,
    IReadOnlyDictionary<string, OutcomeCounts> ByFeature, IReadOnlyList<ConformanceRow> Failures)
{
    public OutcomeCounts Kind(DirectiveKind k) => ByKind.TryGetValue(k, out var c) ? c : new OutcomeCounts(0, 0, 0, 0);
}

public static class ConformanceSummary
{
    public static DirectiveKind KindOf(ConformanceRow r) =>
        r.IsAssertion ? DirectiveKind.Assertion : r.Directive is "invoke" or "get" ? DirectiveKind.Action : DirectiveKind.Module;

    public static bool IsFailure(ConformanceRow r) => r.Outcome is "fail" or "error" or "timeout" or "crash";

    public static bool IsSkipped(ConformanceRow r) => r.Outcome is "unsupported" or "not-applicable";

    /// <summary>Per engine, in the order the engines ran.</summary>
    public static IReadOnlyList<EngineSummary> Of(ConformanceRun run)
    {
        var order = run.Engines.Select(e => e.Engine).ToList();
        return run.Rows.GroupBy(r => r.Engine)
            .OrderBy(g => order.IndexOf(g.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new EngineSummary(
                g.Key,
                OutcomeCounts.Of(g),
                g.GroupBy(KindOf).ToDictionary(k => k.Key, OutcomeCounts.Of),
                run.Engines.FirstOrDefault(e => e.Engine == g.Key)?.WallSeconds,
                new SortedDictionary<string, OutcomeCounts>(g.GroupBy(r => r.Feature).ToDictionary(f => f.Key, OutcomeCounts.Of), StringComparer.Ordinal),
                g.Where(IsFailure).OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.Line).ToList()))
            .ToList();
    }
}
