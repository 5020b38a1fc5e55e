using Observatory.Core.Workloads;
using Observatory.Tests.Support;

namespace Observatory.Tests.Core;

/// <summary>[profiles] emulated: the smaller input a workload declares for the portability matrix; bad values are one line naming file and key.</summary>
public class EmulatedInputManifestTests
{
    private static WorkloadManifest Load(string profiles, TempDirectory dir)
    {
        dir.Write("demo/main.c", "int main(void){return 0;}");
        var path = dir.Write("demo/workload.toml", $"""
            name = "demo"
            category = "kernel"
            language = "c"
            sources = ["main.c"]
            [profiles]
            {profiles}
            """);
        return WorkloadManifestLoader.Load(path);
    }

    [Fact]
    public void The_emulated_input_parses_and_leaves_quick_and_standard_alone()
    {
        using var dir = new TempDirectory();
        var w = Load("quick = [\"6000\"]\nstandard = [\"16000\"]\nemulated = [\"3000\", \"x\"]", dir);
        Assert.Equal(["3000", "x"], w.EmulatedArgs);
        Assert.Equal(["6000"], w.ArgsFor("quick"));
        Assert.Equal(["16000"], w.ArgsFor("standard"));
    }

    [Fact]
    public void Without_it_there_is_no_emulated_input()
    {
        using var dir = new TempDirectory();
        Assert.Null(Load("quick = [\"6000\"]", dir).EmulatedArgs);
    }

    [Theory]
    [InlineData("emulated = \"3000\"", "'emulated' must be an array of strings")]
    [InlineData("emulated = []", "'emulated' in [profiles] must be a non-empty array of strings")]
    [InlineData("emulated = [true]", "'emulated' must be an array of strings")]
    [InlineData("emulate = [\"1\"]", "unknown profile 'emulate' (known: quick, standard, emulated)")]
    public void A_bad_emulated_input_is_refused_in_one_line_naming_file_and_key(string profiles, string problem)
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<ManifestException>(() => Load("quick = [\"6000\"]\n" + profiles, dir));
        Assert.Contains(problem, e.Message);
        Assert.EndsWith("workload.toml", e.PathName);
        Assert.Equal(7, e.Line);
        Assert.DoesNotContain('\n', e.Message);
    }
}
