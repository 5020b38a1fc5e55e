using Observatory.Core.Runs;

namespace Observatory.Tests.Support;

/// <summary>
/// Hand-made runs whose every sample is slowed by a machine drift that changes round by
/// round (the same for all engines in a round, as on a shared host), for the normalized metric.
/// </summary>
public static class DriftingRuns
{
    public const string Native = "native";
    public const string Engine = "wasmtime-50.0.1/cranelift";

    /// <summary>
    /// Six rounds: native one cold process per round, the engine one process of a cold and two warm
    /// iterations; times are base x drift(round) x a small per-sample jitter; the engine runs
    /// <paramref name="engineFactor"/> x 1.5 native's time.
    /// </summary>
    public static IReadOnlyList<Sample> Samples(Func<int, double> drift, double engineFactor = 1.0, int rounds = 6)
    {
        var samples = new List<Sample>();
        for (var r = 0; r < rounds; r++)
        {
            long Ns(double baseNs, int i) => (long)(baseNs * drift(r) * (1 + 0.002 * ((r * 7 + i * 3) % 5 - 2)));
            samples.Add(new Sample { Workload = "sum", Variant = "O2", Engine = Native, Process = r, Iteration = 0, Outcome = Outcome.Ok, RegionNs = Ns(1_000_000, 0), ExecuteNs = Ns(1_000_000, 0), Round = r, StdoutSha256 = "aa" });
            for (var i = 0; i < 3; i++)
                samples.Add(new Sample { Workload = "sum", Variant = "O2", Engine = Engine, Process = r, Iteration = i, Outcome = Outcome.Ok, RegionNs = Ns(1_500_000 * engineFactor, i + 1), ExecuteNs = Ns(1_500_000 * engineFactor, i + 1), Round = r, StdoutSha256 = "aa" });
        }
        return samples;
    }

    /// <summary>A storable run of those samples, normalized to native as `run` does.</summary>
    public static RunInfo Run(string runId, Func<int, double> drift, double engineFactor = 1.0) =>
        SampleRuns.Make(runId) with { Samples = Normalization.Apply(Samples(drift, engineFactor), Native) };
}
