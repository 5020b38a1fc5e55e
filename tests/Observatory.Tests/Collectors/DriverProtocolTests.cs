using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors;

/// <summary>
/// The @obs line protocol on System.Text.Json: lines round-trip, JS-style numbers (strings,
/// fractions) are read, and a line that cannot be read is kept with its text, never dropped.
/// </summary>
public sealed class DriverProtocolTests
{
    [Fact]
    public void An_iteration_line_round_trips_every_field()
    {
        var r = new IterationResult
        {
            Iteration = 3, Outcome = Outcome.Trap, CompileNs = 11, InstantiateNs = 22, ExecuteNs = 33, RegionNs = 30,
            RegionsNs = [10, 20], ExitCode = null, StdoutSha256 = "ab", StdoutPath = "/s/stdout-3.txt", Message = "oops \"quoted\"",
            CpuNs = 29, LinearMemoryBytes = 131072,
        };
        var parsed = DriverProtocol.Parse(DriverProtocol.IterationLine(r) + "\n" + DriverProtocol.ProcessLine(4242) + "\n");
        Assert.Empty(parsed.Errors);
        Assert.Equal(4242, parsed.PeakRssKb);
        var back = Assert.Single(parsed.Iterations);
        Assert.Equal(r with { RegionsNs = null }, back with { RegionsNs = null });
        Assert.Equal([10L, 20L], back.RegionsNs!);
    }

    [Fact]
    public void Numbers_as_strings_or_fractions_are_read_as_JS_drivers_print_them()
    {
        var parsed = DriverProtocol.Parse("""@obs {"kind":"iteration","iteration":0,"outcome":"ok","compileNs":"123","executeNs":456.6,"regionsNs":["7",8.2]}""");
        Assert.Empty(parsed.Errors);
        var it = Assert.Single(parsed.Iterations);
        Assert.Equal(123, it.CompileNs);
        Assert.Equal(457, it.ExecuteNs);
        Assert.Equal([7L, 8L], it.RegionsNs!);
    }

    [Theory]
    [InlineData("@obs {\"kind\":\"iteration\",\"outcome\":\"ok\"", "")]
    [InlineData("@obs {\"kind\":\"iteration\",\"outcome\":\"fine\"}", "unknown outcome 'fine'")]
    [InlineData("@obs {\"kind\":\"iteration\",\"outcome\":\"ok\",\"compileNs\":\"soon\"}", "")]
    [InlineData("@obs {\"kind\":\"sample\"}", "unknown kind \"sample\"")]
    [InlineData("@obs [1,2]", "")]
    [InlineData("@obs", "no JSON object")]
    public void A_malformed_line_is_reported_with_its_text(string line, string reason)
    {
        var parsed = DriverProtocol.Parse("free text is ignored\n" + line + "\n");
        Assert.Empty(parsed.Iterations);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.Contains(line, error.ToString());
    }

    /// <summary>A driver that is a real shell process printing one good and one broken line.</summary>
    private sealed class ShellDriver(string script) : DriverEngine
    {
        public override EngineDescriptor Descriptor { get; } = new() { Id = "shell-driver", Family = "test", Version = "1", Tier = "default" };

        protected override ChildProcessSpec CreateSpec(EngineInvocation invocation) =>
            new() { FileName = "/bin/sh", Arguments = ["-c", script] };
    }

    [Fact]
    public void A_driver_process_with_a_malformed_line_surfaces_it_in_the_failure_message()
    {
        using var dir = new Support.TempDirectory();
        var broken = """@obs {"kind":"iteration","iteration":1,"outcome":"ok","executeNs":12""";
        var engine = new ShellDriver($"echo '@obs {{\"kind\":\"iteration\",\"iteration\":0,\"outcome\":\"ok\"}}'; echo '{broken}'");
        var r = engine.Run(new EngineInvocation { ArtifactPath = "/dev/null", ScratchDirectory = dir.Path, Iterations = 2, Timeout = TimeSpan.FromSeconds(30) });
        Assert.Equal(Outcome.Ok, r.Iterations[0].Outcome);
        Assert.Equal(Outcome.Crash, r.Iterations[1].Outcome);
        Assert.Contains(broken, Assert.Single(r.ProtocolErrors));
        Assert.Contains(broken, r.FailureMessage);
        Assert.Contains(broken, r.Iterations[1].Message);
    }

    [Fact]
    public void A_malformed_line_beside_complete_results_is_still_kept()
    {
        using var dir = new Support.TempDirectory();
        var engine = new ShellDriver("""echo '@obs {"kind":"iteration","iteration":0,"outcome":"ok"}'; echo '@obs {"kind":"process","peakRssKb":"lots"}'""");
        var r = engine.Run(new EngineInvocation { ArtifactPath = "/dev/null", ScratchDirectory = dir.Path, Timeout = TimeSpan.FromSeconds(30) });
        Assert.Null(r.ProcessFailure);
        Assert.Contains("\"peakRssKb\":\"lots\"", Assert.Single(r.ProtocolErrors));
    }
}
