using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors;

/// <summary>
/// Engines that cannot create a fresh instance per request inside one process (wabt's interpreter,
/// runtime CLIs, components) say so for a burst invocation: every iteration unsupported, with the
/// reason; the engines that can run it report one span, the whole request loop.
/// </summary>
public sealed class BurstSupportTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    private static ProcessResult Burst(IEngine engine, string artifact, int requests)
    {
        var scratch = Bed.Temp.Combine("burst", EveryEngineTests.Safe(engine.Descriptor.Id));
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        return engine.Run(new EngineInvocation
        {
            ArtifactPath = artifact, Args = Bed.ProbeArgs, Environment = Bed.ProbeEnv, StdinPath = Bed.StdinFile,
            Preopens = [new DirectoryMapping(data, ".")], ScratchDirectory = scratch, Iterations = 2, ProgramName = "wasi_probe",
            Requests = requests, Timeout = TimeSpan.FromMinutes(2),
        });
    }

    public static TheoryData<string> Unable()
    {
        var data = new TheoryData<string>();
        foreach (var e in Bed.Engines.Where(e => e.Descriptor.Status == EngineStatus.Ready
                                                 && (e.Descriptor.Family is "wabt" || e.Descriptor.Tier is "cli" || e.Descriptor.Id.Contains("component"))))
            data.Add(e.Descriptor.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Unable))]
    public void Engines_without_instance_per_request_report_unsupported_with_the_reason(string engineId)
    {
        var r = Burst(Bed.Engine(engineId), Bed.ProbeWasm, 3);
        Assert.Equal(2, r.Iterations.Count);
        Assert.All(r.Iterations, it =>
        {
            Assert.Equal(Outcome.Unsupported, it.Outcome);
            Assert.Contains("requests = N", it.Message);
        });
    }

    [Fact]
    public void At_least_the_component_engine_and_wabt_are_among_them()
    {
        var ids = ((IEnumerable<object[]>)Unable()).Select(row => (string)row[0]).ToList();
        Assert.Contains(ids, id => id.StartsWith("wabt-", StringComparison.Ordinal));
        Assert.Contains(ids, id => id.Contains("component"));
    }

    [Theory]
    [InlineData("wasmtime-50.0.1/cranelift")]
    [InlineData("wasmtime-50.0.1/winch")]
    [InlineData("wasmtime-50.0.1/pulley")]
    [InlineData("wasmtime-50.0.1/cranelift+pooling")]
    [InlineData("wasmtime-50.0.1/cranelift+precompiled")]
    [InlineData("wasmc-wasmtime-50.0.1")]
    public void The_probe_serves_a_burst_with_the_same_output_on_every_core_tier(string engineId)
    {
        var r = Burst(Bed.Engine(engineId), Bed.ProbeWasm, 4);
        Assert.All(r.Iterations, it =>
        {
            Assert.True(it.Outcome == Outcome.Ok, $"{engineId}: {it.Outcome}: {it.Message} {r.StderrTail}");
            Assert.Equal(0, it.ExitCode);
            // The probe writes files in its preopened directory: a fresh WASI context per request must not change what the last one prints.
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
            Assert.Equal(it.RegionNs, Assert.Single(it.RegionsNs!));
            Assert.NotNull(it.CompileNs);
        });
    }
}
