using Observatory.Harness.Exporters;
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
        new RegionsExporter().Export(SampleRuns.WithRegions("r1"), w);
        var lines = w.ToString().Split('\n');
        Assert.Contains("regions", lines);
        var prefillNative = Assert.Single(lines, l => l.Contains("prefill") && l.Contains("native"));
        Assert.Contains("128 tokens", prefillNative);
        Assert.Contains("225.0 µs", prefillNative);
        Assert.Contains("568,889 tokens/s", prefillNative);
        var decodeWasm = Assert.Single(lines, l => l.Contains("decode") && l.Contains("wasmtime"));
        Assert.Contains("384 tokens", decodeWasm);
        Assert.Contains("0.64x rate", decodeWasm); // 1,050 µs against native's 675 µs
        // Regions print in call order: every prefill line before the first decode line.
        Assert.True(Array.FindLastIndex(lines, l => l.Contains("prefill")) < Array.FindIndex(lines, l => l.Contains("decode")));
    }

    [Fact]
    public void A_run_without_regions_prints_no_block()
    {
        var w = new StringWriter();
        new RegionsExporter().Export(SampleRuns.Make("r0"), w);
        Assert.Equal("", w.ToString());
    }

    [Fact]
    public void Json_output_carries_the_regions()
    {
        var json = JsonNode.Parse(JsonExporter.ToJson(SampleRuns.WithRegions("r1")))!;
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

/// <summary>`observatory run` end to end in-process on a two-region workload: the regions block, --json, and the warnings.</summary>
public class RegionCommandTests
{
    [Fact]
    public void Run_prints_the_regions_block_and_warns_about_an_engine_pattern_that_matches_nothing()
    {
        using var dir = new TempDirectory();
        var root = Observatory.Tests.Measurement.MeasurementFixture.NewRepository(dir);
        TestWorkloads.Add(Path.Combine(root, "workloads"), "two", RegionRunFixture.TwoRegions, "[\"100000\"]", """
            [[regions]]
            name = "first"
            unit = "items"
            count = 'items=(\d+)'
            [[regions]]
            name = "second"
            unit = "items"
            count = 'rest=(\d+)'
            """);
        string[] common = ["run", "--workloads", "two", "--engines", "native,wasmtime-50.0.1/cranelift,wasmtime-*/pooling*", "--no-overhead",
                           "--min-processes", "1", "--max-processes", "1", "--iterations", "2", "--db", dir.Combine("o.duckdb")];
        var r = Observatory.Tests.Measurement.MeasurementFixture.Cli(root, common);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        Assert.Contains("warning: --engines 'wasmtime-*/pooling*' matches no engine id", r.Out);
        var lines = r.Out.Split('\n');
        Assert.Contains("regions", lines);
        Assert.Single(lines, l => l.Contains("first") && l.Contains("native") && l.Contains("100,000 items") && l.Contains("items/s"));
        Assert.Single(lines, l => l.Contains("second") && l.Contains("wasmtime-50.0.1/cranelift") && l.Contains("25,000 items") && l.Contains("items/s"));

        var json = Observatory.Tests.Measurement.MeasurementFixture.Cli(root, [.. common, "--json"]);
        Assert.True(json.ExitCode == 0, json.Error);
        var regions = System.Text.Json.Nodes.JsonNode.Parse(json.Out)!["regions"]!.AsArray();
        Assert.Equal(4, regions.Count);
        Assert.All(regions, x => Assert.True((double)x!["ratePerSecond"]! > 0));
    }
}
