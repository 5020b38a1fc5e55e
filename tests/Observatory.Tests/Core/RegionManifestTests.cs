using Observatory.Core.Workloads;
using Observatory.Tests.Support;

namespace Observatory.Tests.Core;

/// <summary>[[regions]] and burst variants in workload.toml: parsed in order, every mistake named by file:line:column.</summary>
public class RegionManifestTests
{
    private const string Head = """
        name = "demo"
        category = "llm"
        language = "c"
        sources = ["main.c"]

        """;

    private static WorkloadManifest Load(TempDirectory dir, string toml)
    {
        dir.Write("demo/main.c", "int main(void){return 0;}");
        return WorkloadManifestLoader.Load(dir.Write("demo/workload.toml", Head + toml));
    }

    private static ManifestException Fails(TempDirectory dir, string toml) => Assert.Throws<ManifestException>(() => Load(dir, toml));

    [Fact]
    public void Regions_are_read_in_order_with_units_and_counts()
    {
        using var dir = new TempDirectory();
        var w = Load(dir, """
            [[regions]]
            name = "prefill"
            unit = "tokens"
            count = 'prompt=(\d+)'

            [[regions]]
            name = "decode"
            unit = "tokens"
            count = 'generated=(\d+)'

            [[regions]]
            name = "fixed"
            unit = "passes"
            count = 4

            [[regions]]
            name = "uncounted"
            """);
        Assert.Equal(["prefill", "decode", "fixed", "uncounted"], w.Regions.Select(r => r.Name));
        Assert.Equal([5, 10, 15, 20], w.Regions.Select(r => r.Line));
        const string stdout = "llama2 small\nprompt=128 generated=385\n";
        Assert.Equal(128, w.Regions[0].Count!.Read(stdout));
        Assert.Equal(385, w.Regions[1].Count!.Read(stdout));
        Assert.Equal(4, w.Regions[2].Count!.Read(null));
        Assert.Null(w.Regions[3].Count);
        Assert.Null(w.Regions[0].Count!.Read("no numbers here"));
        // An ordinary variant has the workload's regions.
        Assert.Same(w.Regions, w.RegionsFor(w.Variants[0]));
    }

    [Fact]
    public void A_bad_regex_names_file_line_and_column_of_the_count()
    {
        using var dir = new TempDirectory();
        var e = Fails(dir, """
            [[regions]]
            name = "prefill"
            unit = "tokens"
            count = 'prompt=(\d+'
            """);
        Assert.EndsWith(Path.Combine("demo", "workload.toml"), e.PathName);
        Assert.Equal(8, e.Line);
        Assert.Equal(9, e.Column); // the value after `count = `
        Assert.Contains("not a valid regex", e.Message);
        Assert.Contains("workload.toml:8:9:", e.Message);
    }

    [Fact]
    public void A_regex_without_exactly_one_group_is_refused()
    {
        using var dir = new TempDirectory();
        var e = Fails(dir, """
            [[regions]]
            name = "prefill"
            unit = "tokens"
            count = 'prompt=\d+'
            """);
        Assert.Equal(8, e.Line);
        Assert.Contains("exactly one group", e.Message);
    }

    [Fact]
    public void A_region_without_a_name_points_at_its_header()
    {
        using var dir = new TempDirectory();
        var e = Fails(dir, """
            [[regions]]
            name = "load"

            [[regions]]
            unit = "rows"
            """);
        Assert.Equal(8, e.Line);
        Assert.Contains("region 2 has no name", e.Message);
    }

    [Fact]
    public void Duplicate_region_names_name_both_lines()
    {
        using var dir = new TempDirectory();
        var e = Fails(dir, """
            [[regions]]
            name = "load"

            [[regions]]
            name = "load"
            """);
        Assert.Equal(9, e.Line);
        Assert.Contains("'load' is used twice", e.Message);
        Assert.Contains("line 5", e.Message);
    }

    [Fact]
    public void A_count_needs_a_unit_and_unknown_keys_are_refused()
    {
        using (var dir = new TempDirectory())
        {
            var e = Fails(dir, "[[regions]]\nname = \"load\"\ncount = 3\n");
            Assert.Equal(7, e.Line);
            Assert.Contains("no unit", e.Message);
        }
        using (var dir = new TempDirectory())
        {
            var e = Fails(dir, "[[regions]]\nname = \"load\"\nunits = \"rows\"\n");
            Assert.Equal(7, e.Line);
            Assert.Contains("unknown key 'units'", e.Message);
        }
    }

    [Fact]
    public void A_burst_variant_has_one_region_of_its_requests_in_instances()
    {
        using var dir = new TempDirectory();
        var w = Load(dir, """
            [[regions]]
            name = "handle"

            [variants.O2]
            flags = ["-O2"]
            [variants.O2-burst]
            flags = ["-O2"]
            requests = 200
            """);
        Assert.Null(w.Variants[0].Requests);
        Assert.Equal(200, w.Variants[1].Requests);
        Assert.Equal(["handle"], w.RegionsFor(w.Variants[0]).Select(r => r.Name));
        var burst = Assert.Single(w.RegionsFor(w.Variants[1]));
        Assert.Equal(("requests", "instances", 200L), (burst.Name, burst.Unit, burst.Count!.Read(null)));
    }

    [Fact]
    public void Requests_must_be_a_positive_integer()
    {
        using var dir = new TempDirectory();
        var e = Fails(dir, "[variants.O2-burst]\nflags = [\"-O2\"]\nrequests = 0\n");
        Assert.Equal(7, e.Line);
        Assert.Contains("'requests' in [variants.O2-burst]", e.Message);
    }

    [Fact]
    public void The_corpus_declares_llama2_and_sqlite_regions_and_a_handler_burst()
    {
        var all = WorkloadManifestLoader.LoadAll(Repo.Workloads).ToDictionary(w => w.Name);
        Assert.Equal(["prefill", "decode"], all["llama2"].Regions.Select(r => r.Name));
        Assert.Equal(["load", "queries"], all["sqlite-tpch"].Regions.Select(r => r.Name));
        Assert.Contains(all["handler-c"].Variants, v => v.Requests is > 0);
    }
}
