using Observatory.Harness.Cli;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>`observatory runtimes` reads at 100 columns: a narrow table, then wrapped sources and reasons.</summary>
public class RuntimesOutputTests
{
    [Fact]
    public void The_catalog_fits_100_columns_and_keeps_every_id_reason_and_source()
    {
        var r = MeasurementFixture.Cli(Repo.Root, "runtimes");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Out.Split('\n');
        // Only a single word longer than the width (a deep clone's path) may overrun it.
        Assert.All(lines, l => Assert.True(l.Length <= TextWrap.Width || !l.Trim().Contains(' '), $"{l.Length} columns: {l}"));
        Assert.Equal(["id", "version", "arch", "status"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var words = string.Join(' ', r.Out.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

        var json = System.Text.Json.Nodes.JsonNode.Parse(MeasurementFixture.Cli(Repo.Root, "runtimes", "--json").Out)!.AsArray();
        foreach (var e in json)
        {
            var id = (string)e!["id"]!;
            Assert.Contains(lines, l => l.StartsWith(id + " ", StringComparison.Ordinal));
            if ((string)e["status"]! != "ready")
                Assert.Contains($"{id}: {string.Join(' ', ((string)e["reason"]!).Split(' ', StringSplitOptions.RemoveEmptyEntries))}", words);
            else
                Assert.Contains(string.Join(' ', ((string)e["source"]!).Split(' ', StringSplitOptions.RemoveEmptyEntries)), words);
        }
        Assert.Matches(@"^\d+ ready, \d+ not installed, \d+ broken$", lines.Last(l => l.Length > 0));
    }

    [Fact]
    public void Wrapping_breaks_at_spaces_and_indents_the_rest()
    {
        var lines = TextWrap.Lines("aaa bbb ccc ddd", "  x: ", "    ", width: 12).ToList();
        Assert.Equal(["  x: aaa bbb", "    ccc ddd"], lines);
        // A word longer than the width stays whole on its own line rather than being cut.
        Assert.Equal(["p: abcdefghijklmnop"], TextWrap.Lines("abcdefghijklmnop", "p: ", "  ", width: 8).ToList());
    }
}

/// <summary>`observatory build --json`: one object per built variant, the build log kept off stdout.</summary>
public class BuildJsonTests
{
    [Fact]
    public void Build_json_lists_each_variant_with_its_artifact_and_a_failed_one_with_its_error()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        TestWorkloads.Add(dir.Combine("workloads"), "sum", TestWorkloads.Sum, "[\"10\"]");
        TestWorkloads.Add(dir.Combine("workloads"), "broken", "int main(void) { return missing_symbol; }\n");

        var r = MeasurementFixture.Cli(root, "build", "--workloads", "sum,broken", "--json");
        Assert.Equal(1, r.ExitCode);
        var items = System.Text.Json.Nodes.JsonNode.Parse(r.Out)!.AsArray();
        var sum = items.Single(i => (string)i!["workload"]! == "sum")!;
        Assert.True((bool)sum["ok"]!);
        Assert.True(File.Exists((string)sum["wasm"]!));
        Assert.Equal(new FileInfo((string)sum["wasm"]!).Length, (long)sum["wasmBytes"]!);
        var broken = items.Single(i => (string)i!["workload"]! == "broken")!;
        Assert.False((bool)broken["ok"]!);
        Assert.Contains("missing_symbol", (string)broken["error"]!);
    }
}
