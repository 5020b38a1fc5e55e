using Observatory.Core.Runs;
using Observatory.Reports.Store;

namespace Observatory.Tests.Support;

/// <summary>A database filled through the real store code: three benchmark runs and two conformance suites, for the query tests.</summary>
public static class QueryStore
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>r1 (oldest, wasm ok), r2 (wasm trapped), r3 (latest, wasm ok); spec runs c1 (older), c2 and c3 (latest, no assertions: skipped), wasi run w1.</summary>
    public static string Seed(string directory, string fileName = "o.duckdb")
    {
        var db = Path.Combine(directory, fileName);
        using var store = ObservatoryStore.Open(db);
        store.Ingest(SampleRuns.Make("r1", "first") with { StartedUtc = T0, FinishedUtc = T0.AddMinutes(1) });
        store.Ingest(SampleRuns.Make("r2", "trapped", Outcome.Trap) with { StartedUtc = T0.AddHours(1), FinishedUtc = T0.AddHours(1) });
        store.Ingest(SampleRuns.Make("r3", "latest") with { StartedUtc = T0.AddHours(2), FinishedUtc = T0.AddHours(2) });
        ConformanceStore.Ingest(store, Conformance("c1", "spec", T0, ["pass", "fail", "fail"]));
        ConformanceStore.Ingest(store, Conformance("c2", "spec", T0.AddDays(1), ["pass", "pass", "unsupported", "fail"]));
        ConformanceStore.Ingest(store, Conformance("c3", "spec", T0.AddDays(2), []));
        ConformanceStore.Ingest(store, Conformance("w1", "wasi", T0, ["pass"]));
        return db;
    }

    /// <summary>One engine; assertion i gets outcomes[i], all in feature "core" except the last, in "simd"; plus one module row (none when there are no assertions).</summary>
    public static ConformanceRun Conformance(string runId, string suite, DateTimeOffset started, string[] outcomes) => new()
    {
        RunId = runId, Suite = suite, SuiteRoot = "/suite", Revision = "rev-" + runId,
        StartedUtc = started.UtcDateTime, FinishedUtc = started.UtcDateTime.AddMinutes(1),
        Engines = [new ConformanceEngineRun("eng-a", "1", 2.0, 1, outcomes.Length)],
        Rows =
        [
            .. outcomes.Select((o, i) => new ConformanceRow
            {
                File = "f.wast", Line = i + 10, Directive = "assert_return", Feature = i == outcomes.Length - 1 && i > 0 ? "simd" : "core",
                Engine = "eng-a", Outcome = o, IsAssertion = true,
            }),
            // A module directive counts too; a run without assertions stored no results at all.
            .. outcomes.Length == 0 ? [] : new[] { new ConformanceRow { File = "f.wast", Line = 1, Directive = "module", Feature = "core", Engine = "eng-a", Outcome = "pass", IsAssertion = false } },
        ],
    };

    public static string Hash(string file) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
}
