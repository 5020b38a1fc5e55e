using Observatory.Core.Runs;
using Observatory.Reports.Analysis;
using Observatory.Reports.Store;
using Observatory.Tests.Support;
using Verdict = Observatory.Core.Statistics.Verdict;

namespace Observatory.Tests.Core;

/// <summary>The normalized metric: a drift that hits every engine in a round cancels; a change of the engine alone does not.</summary>
public class NormalizationTests
{
    [Fact]
    public void A_drift_applied_to_both_engines_cancels_round_by_round()
    {
        // The machine gets 40% slower over the run, then recovers: absolute times move by 40%.
        var samples = Normalization.Apply(DriftingRuns.Samples(r => r < 3 ? 1.0 + r * 0.2 : 1.4 - (r - 3) * 0.1), DriftingRuns.Native);
        var engine = samples.Where(s => s.Engine == DriftingRuns.Engine).ToList();
        var wall = engine.Select(s => (double)s.RegionNs!.Value).ToList();
        Assert.True(wall.Max() / wall.Min() > 1.35, "the synthetic drift moves absolute times");
        Assert.All(engine, s => Assert.InRange(s.Normalized!.Value, 1.5 * 0.99, 1.5 * 1.01));
        // The reference is not divided by itself.
        Assert.All(samples.Where(s => s.Engine == DriftingRuns.Native), s => Assert.Null(s.Normalized));
    }

    [Fact]
    public void Cpu_time_is_normalized_when_the_cell_and_the_reference_report_it()
    {
        var samples = DriftingRuns.Samples(_ => 1.0).Select(s => s with { CpuNs = s.RegionNs / 2 }).ToList();
        var normalized = Normalization.Apply(samples, DriftingRuns.Native);
        Assert.All(normalized.Where(s => s.Engine == DriftingRuns.Engine), s => Assert.InRange(s.Normalized!.Value, 1.48, 1.52));
        // A reference sample without CPU time: the whole cell falls back to wall time (one quantity per cell).
        var partial = samples.Select(s => s.Engine == DriftingRuns.Native && s.Round == 2 ? s with { CpuNs = null, RegionNs = s.RegionNs * 3 } : s).ToList();
        var mixed = Normalization.Apply(partial, DriftingRuns.Native).Where(s => s.Engine == DriftingRuns.Engine && s.Round == 2).ToList();
        Assert.All(mixed, s => Assert.InRange(s.Normalized!.Value, 0.49, 0.51));
    }

    [Fact]
    public void Samples_without_a_reference_in_their_round_stay_unnormalized()
    {
        var samples = DriftingRuns.Samples(_ => 1.0).Where(s => !(s.Engine == DriftingRuns.Native && s.Round == 1)).ToList();
        var normalized = Normalization.Apply(samples, DriftingRuns.Native);
        Assert.All(normalized.Where(s => s.Engine == DriftingRuns.Engine), s => Assert.Equal(s.Round == 1, s.Normalized is null));
        Assert.Same(samples, Normalization.Apply(samples, null));
    }

    [Fact]
    public void Compare_on_normalized_is_same_under_a_drift_that_flags_wall_time_and_sees_the_engine_alone_slow_down()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("o.duckdb"));
        Assert.True(store.Ingest(DriftingRuns.Run("quiet", _ => 1.0)));
        // The whole machine 30% slower during the second run (the shared runner).
        Assert.True(store.Ingest(DriftingRuns.Run("busy", r => 1.3 + 0.01 * r)));
        // The engine alone 10% slower, on the busy machine.
        Assert.True(store.Ingest(DriftingRuns.Run("regressed", r => 1.3 + 0.01 * r, engineFactor: 1.1)));
        Assert.Equal(2L * 6 * 3, store.Scalar<long>("SELECT count(normalized) FROM samples WHERE engine_id <> 'native' AND run_id IN ('quiet', 'busy')"));

        StoredRun R(string id) => RunReference.Resolve(store, id);
        Cell(ComparisonMetric.Wall, "busy", Verdict.Slower, 1.29, 1.36);
        Cell(ComparisonMetric.Normalized, "busy", Verdict.Same, 0.99, 1.01);
        Cell(ComparisonMetric.Normalized, "regressed", Verdict.Slower, 1.09, 1.11);

        var normalized = RunComparer.Compare(store, R("quiet"), R("busy"), ComparisonMetric.Normalized);
        var skipped = Assert.Single(normalized.Skipped);
        Assert.Equal("native", skipped.Engine);
        Assert.Contains("reference engine", skipped.Reason);

        void Cell(ComparisonMetric metric, string diff, Verdict verdict, double low, double high)
        {
            var report = RunComparer.Compare(store, R("quiet"), R(diff), metric, cellFilter: (_, _, e) => e == DriftingRuns.Engine);
            var c = Assert.Single(report.Cells);
            Assert.Equal(verdict, c.Verdict);
            Assert.InRange(c.Ratio, low, high);
        }
    }
}
