using Observatory.Core.Naming;
using Observatory.Tests.Support;

namespace Observatory.Tests.Core;

/// <summary>Names that become paths follow one rule, and nothing written or deleted can leave the results directory.</summary>
public class ResultsPathsTests
{
    [Theory]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("/etc")]
    [InlineData("")]
    [InlineData(".")]
    public void A_crafted_name_cannot_escape_the_results_directory(string name)
    {
        using var dir = new TempDirectory();
        var results = dir.Combine("results");
        var victim = dir.Combine("outside");
        Directory.CreateDirectory(victim);
        File.WriteAllText(Path.Combine(victim, "keep.txt"), "precious");
        Assert.Throws<UnsafePathException>(() => ResultsPaths.DeleteUnder(results, Path.Combine(results, name)));
        Assert.Throws<UnsafePathException>(() => ResultsPaths.EnsureUnder(results, Path.Combine(results, name)));
        Assert.True(File.Exists(Path.Combine(victim, "keep.txt")));
    }

    [Fact]
    public void A_path_inside_is_returned_in_full_and_deleted()
    {
        using var dir = new TempDirectory();
        var results = dir.Combine("results");
        var scratch = Path.Combine(results, "scratch", "run-1");
        Directory.CreateDirectory(scratch);
        Assert.Equal(scratch, ResultsPaths.EnsureUnder(results, Path.Combine(results, "scratch", ".", "run-1")));
        ResultsPaths.DeleteUnder(results, scratch);
        Assert.False(Directory.Exists(scratch));
        ResultsPaths.DeleteUnder(results, scratch); // already gone: fine
    }

    [Theory]
    [InlineData("wasmtime-50.0.1/cranelift+pooling", "wasmtime-50.0.1__cranelift_p_pooling")]
    [InlineData("node-22/turbofan", "node-22__turbofan")]
    [InlineData("native", "native")]
    [InlineData("../../etc", "e_.___.__etc")]
    public void Engine_ids_map_to_one_safe_directory_name(string id, string expected)
    {
        Assert.Equal(expected, PathName.ForEngine(id));
        Assert.True(PathName.IsValid(PathName.ForEngine(id)));
    }

    [Fact]
    public void Distinct_engine_ids_stay_distinct()
    {
        Assert.NotEqual(PathName.ForEngine("wasmtime/cranelift+pooling"), PathName.ForEngine("wasmtime/cranelift_pooling"));
        Assert.NotEqual(PathName.ForEngine("a/b"), PathName.ForEngine("a_b"));
    }

    [Theory]
    [InlineData("20261130-062654-ce45ba", true)]
    [InlineData("../../etc", false)]
    [InlineData("a/b", false)]
    public void Run_ids_follow_the_rule(string runId, bool valid)
    {
        if (valid) Assert.Equal(runId, PathName.Require("run id", runId));
        else Assert.Contains("run id", Assert.Throws<UnsafePathException>(() => PathName.Require("run id", runId)).Message);
    }
}
