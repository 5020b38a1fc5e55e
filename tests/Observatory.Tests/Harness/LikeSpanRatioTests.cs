using Observatory.Core.Runs;
using Observatory.Harness.Running;

namespace Observatory.Tests.Harness;

/// <summary>
/// The stored ratio to native compares the same span on both sides, at the source: never an
/// execute phase over native's bench region, never a burst's fresh instances over native's fresh
/// processes (which dominated the overview's overall score).
/// </summary>
public class LikeSpanRatioTests
{
    private static IEnumerable<Sample> Cell(string variant, string engine, long? regionNs, long executeNs) =>
        Enumerable.Range(0, 2).SelectMany(p => Enumerable.Range(0, 4).Select(i => new Sample
        {
            Workload = "handler", Variant = variant, Engine = engine, Process = p, Iteration = i, Outcome = Outcome.Ok,
            RegionNs = regionNs is null ? null : regionNs + i, ExecuteNs = executeNs + i, TotalNs = executeNs + 1000,
        }));

    [Fact]
    public void Like_spans_get_a_ratio_unlike_spans_and_bursts_do_not()
    {
        var samples = new List<Sample>();
        samples.AddRange(Cell("O2", "native", 1_000_000, 2_000_000));
        samples.AddRange(Cell("O2", "wasmtime", 2_000_000, 3_000_000));
        // A runtime CLI cannot see the bench markers: its headline is the execute phase.
        samples.AddRange(Cell("O2", "wasm3-cli", null, 700_000_000));
        samples.AddRange(Cell("O2-burst", "native", 200_000_000, 200_000_000));
        samples.AddRange(Cell("O2-burst", "wasmtime", 2_000_000, 2_100_000));

        var cells = CellSummarizer.Summarize(samples, "native", bursts: new HashSet<(string, string)> { ("handler", "O2-burst") });
        double? Ratio(string v, string e) => cells.Single(c => c.Variant == v && c.Engine == e).RatioToNative;

        Assert.InRange(Ratio("O2", "wasmtime")!.Value, 1.99, 2.01);
        Assert.Null(Ratio("O2", "wasm3-cli"));
        Assert.Null(Ratio("O2-burst", "wasmtime"));
        Assert.Equal(1.0, Ratio("O2", "native")!.Value, 6);
        // The medians themselves are still stored: only the ratio is withheld.
        Assert.NotNull(cells.Single(c => c.Variant == "O2-burst" && c.Engine == "wasmtime").MedianNs);
        Assert.NotNull(cells.Single(c => c.Variant == "O2" && c.Engine == "wasm3-cli").MedianNs);
    }

    [Fact]
    public void Without_the_burst_set_a_region_over_region_burst_ratio_is_kept()
    {
        // The control: the same samples, not declared a burst, are like spans and get their ratio.
        var samples = Cell("O2-burst", "native", 200_000_000, 200_000_000).Concat(Cell("O2-burst", "wasmtime", 2_000_000, 2_100_000)).ToList();
        var cell = CellSummarizer.Summarize(samples, "native").Single(c => c.Engine == "wasmtime");
        Assert.InRange(cell.RatioToNative!.Value, 0.0099, 0.0101);
    }
}
