using System.Text.Json.Nodes;
using Observatory.Harness.Commands;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>What `observatory run` prints about named regions: the regions block and the regions array of --json.</summary>
public class RegionOutputTests
{
    [Fact]
    public void The_regions_block_lists_each_region_with_work_median_ci_and_rate()
    {
        var w = new StringWriter();
        RunCommand.PrintRegions(SampleRuns.WithRegions("r1"), w);
        var lines = w.ToString().Split('\n');
        Assert.Contains("regions", lines);
        var prefillNative = Assert.Single(lines, l => l.Contains("prefill") && l.Contains("native"));
        Assert.Contains("128 tokens", prefillNative);
        Assert.Contains("225.0 us", prefillNative);
        Assert.Contains("568,889 tokens/s", prefillNative);
        var decodeWasm = Assert.Single(lines, l => l.Contains("decode") && l.Contains("wasmtime"));
        Assert.Contains("384 tokens", decodeWasm);
        Assert.Contains("1.56", decodeWasm); // 1,050 µs against native's 675 µs
        // Regions print in call order: every prefill line before the first decode line.
        Assert.True(Array.FindLastIndex(lines, l => l.Contains("prefill")) < Array.FindIndex(lines, l => l.Contains("decode")));
    }

    [Fact]
    public void A_run_without_regions_prints_no_block()
    {
        var w = new StringWriter();
        RunCommand.PrintRegions(SampleRuns.Make("r0"), w);
        Assert.Equal("", w.ToString());
    }

    [Fact]
    public void Json_output_carries_the_regions()
    {
        var json = JsonNode.Parse(RunCommand.ToJson(SampleRuns.WithRegions("r1")))!;
        var regions = json["regions"]!.AsArray();
        Assert.Equal(4, regions.Count);
        var r = regions.Single(x => (string?)x!["engine"] == "native" && (string?)x["name"] == "decode")!;
        Assert.Equal(1, (int)r["index"]!);
        Assert.Equal("tokens", (string?)r["unit"]);
        Assert.Equal(384, (long)r["count"]!);
        Assert.Equal(675_000, (double)r["medianNs"]!);
        Assert.Equal(384 / 675e-6, (double)r["ratePerSecond"]!, 6);
    }
}
