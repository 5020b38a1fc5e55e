using Observatory.Core.Workloads;
using Observatory.Harness.Running;
using Observatory.Tests.Support;

namespace Observatory.Tests.Core;

/// <summary>A workload's own [sampling] bounds: parsed with file:line errors, applied over the profile, never over the command line.</summary>
public class WorkloadSamplingTests
{
    private static WorkloadManifest Load(string extra, out TempDirectory dir)
    {
        dir = new TempDirectory();
        dir.Write("demo/main.c", "int main(void){return 0;}");
        var path = dir.Write("demo/workload.toml", $"""
            name = "demo"
            category = "serverless"
            language = "c"
            sources = ["main.c"]
            {extra}
            """);
        return WorkloadManifestLoader.Load(path);
    }

    private static ManifestException Fails(string extra)
    {
        TempDirectory? dir = null;
        try { return Assert.Throws<ManifestException>(() => Load(extra, out dir)); }
        finally { dir?.Dispose(); }
    }

    [Fact]
    public void Shared_keys_apply_to_every_profile_and_a_profile_table_overrides_them()
    {
        var w = Load("""
            [sampling]
            timeout = 300
            iterations = 3
            [sampling.quick]
            iterations = 2
            min_processes = 2
            max_processes = 2
            """, out var dir);
        using (dir)
        {
            var quick = w.SamplingFor("quick");
            Assert.Equal(2, quick.Iterations);
            Assert.Equal(2, quick.MinProcesses);
            Assert.Equal(300, quick.TimeoutSeconds);
            var standard = w.SamplingFor("standard");
            Assert.Equal(3, standard.Iterations);
            Assert.Null(standard.MinProcesses);
            Assert.Equal("iterations=2 min_processes=2 max_processes=2 timeout=300", quick.ToString());
        }
    }

    [Fact]
    public void A_workload_without_sampling_keeps_the_profile()
    {
        var w = Load("", out var dir);
        using (dir)
        {
            Assert.True(w.SamplingFor("quick").IsEmpty);
            Assert.Same(RunProfile.Quick, RunProfile.Quick.For(w.SamplingFor("quick")));
        }
    }

    [Theory]
    [InlineData("[sampling.quick]\niterations = 1", 6, "'iterations' must be a whole number from 2")]
    [InlineData("[sampling.quick]\nrepeat = 4", 6, "unknown sampling key 'repeat'")]
    [InlineData("[sampling.fast]\niterations = 2", 5, "unknown profile 'fast'")]
    [InlineData("[sampling]\ntimeout = -1", 6, "'timeout' must be a positive number of seconds")]
    [InlineData("[sampling]\nmin_processes = 4\nmax_processes = 2", 7, "max_processes (2) must be at least min_processes (4)")]
    public void Bad_sampling_names_the_line(string extra, int line, string message)
    {
        var e = Fails(extra);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message);
        Assert.EndsWith("workload.toml", e.PathName);
    }

    [Fact]
    public void Workload_bounds_replace_the_profile_but_not_what_the_command_line_set()
    {
        var own = new WorkloadSampling { Iterations = 2, MinProcesses = 2, MaxProcesses = 2, TimeoutSeconds = 300 };
        var p = RunProfile.Standard.For(own);
        Assert.Equal(2, p.Iterations);
        Assert.Equal(0, p.WarmupIterations); // standard's warm-up would leave no warm sample of 2
        Assert.Equal(2, p.MinProcesses);
        Assert.False(p.IsAdaptive);
        Assert.Equal(TimeSpan.FromSeconds(300), p.Timeout);
        p.Validate();

        var user = RunProfile.Quick with { Iterations = 5, FromCommandLine = new HashSet<string> { "--iterations" } };
        var q = user.For(own);
        Assert.Equal(5, q.Iterations);
        Assert.Equal(2, q.MinProcesses);
    }
}
