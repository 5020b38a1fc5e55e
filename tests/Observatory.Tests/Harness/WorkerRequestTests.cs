using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Engines.Worker;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;
using Wt = global::Wasmtime;

namespace Observatory.Tests.Harness;

/// <summary>
/// The one worker entry: <c>observatory worker --request FILE</c> reads a typed JSON request
/// (family, settings, invocation) that round-trips through System.Text.Json; a bad request is one line.
/// </summary>
public sealed class WorkerRequestTests
{
    private static readonly WorkerRequest Full = new()
    {
        Family = "wasmtime",
        Settings = "cranelift+opt-none+pooling",
        Invocation = new EngineInvocation
        {
            ArtifactPath = "/m/a module.wasm",
            Args = ["one", "two words", "--", "ünïcode"],
            StdinPath = "/m/in.txt",
            Environment = new Dictionary<string, string> { ["A"] = "1", ["B"] = "x=y" },
            Preopens = [new DirectoryMapping("/host/data", "."), new DirectoryMapping("/host/tmp", "/tmp")],
            ScratchDirectory = "/s",
            Iterations = 7,
            Timeout = TimeSpan.FromSeconds(93.5),
            ProgramName = "prog",
            Requests = 12,
            OsSandbox = false,
        },
    };

    [Fact]
    public void A_request_round_trips_every_field()
    {
        var back = WorkerRequest.FromJson(Full.ToJson());
        Assert.Equal(Full.Kind, back.Kind);
        Assert.Equal(Full.Family, back.Family);
        Assert.Equal(Full.Settings, back.Settings);
        var (a, b) = (Full.Invocation!, back.Invocation!);
        Assert.Equal(a with { Args = null!, Environment = null!, Preopens = null! }, b with { Args = null!, Environment = null!, Preopens = null! });
        Assert.Equal(a.Args, b.Args);
        Assert.Equal(a.Environment.OrderBy(kv => kv.Key), b.Environment.OrderBy(kv => kv.Key));
        Assert.Equal(a.Preopens, b.Preopens);
        var probe = WorkerRequest.FromJson(new WorkerRequest { Kind = WorkerRequestKind.Probe, Family = "wasmc", Settings = "/lib/x.so" }.ToJson());
        Assert.Equal((WorkerRequestKind.Probe, "wasmc", "/lib/x.so", (EngineInvocation?)null), (probe.Kind, probe.Family, probe.Settings, probe.Invocation));
        Assert.Contains("\"kind\": \"probe\"", new WorkerRequest { Kind = WorkerRequestKind.Probe, Family = "wasmc" }.ToJson());
    }

    [Fact]
    public void The_worker_process_serves_a_request_file_with_obs_lines()
    {
        using var dir = new TempDirectory();
        var wasm = dir.Combine("kernel.wasm");
        File.WriteAllBytes(wasm, Wt.Module.ConvertText(Collectors.InProcessEngineConformanceTests.KernelWat));
        var request = new WorkerRequest
        {
            Family = WasmtimeEngine.Family, Settings = "winch",
            Invocation = new EngineInvocation { ArtifactPath = wasm, ScratchDirectory = dir.Path, Iterations = 2 },
        };
        var file = dir.Write("request.json", request.ToJson());
        var r = MeasurementFixture.CliProcess(Repo.Root, "worker", "--request", file);
        Assert.True(r.ExitCode == 0, r.Error);
        var parsed = DriverProtocol.Parse(r.Out);
        Assert.Empty(parsed.Errors);
        Assert.NotNull(parsed.PeakRssKb);
        Assert.Equal(2, parsed.Iterations.Count);
        Assert.All(parsed.Iterations, it =>
        {
            Assert.Equal(Outcome.Ok, it.Outcome);
            Assert.True(it.CpuNs >= 0 && it.CompileNs > 0 && it.ExecuteNs > 0, it.ToString());
            Assert.Null(it.LinearMemoryBytes); // the kernel exports no memory
        });
    }

    [Fact]
    public void A_bad_request_is_one_line_naming_the_file()
    {
        using var dir = new TempDirectory();
        var missing = dir.Combine("missing.json");
        var r = MeasurementFixture.Cli(Repo.Root, "worker", "--request", missing);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"worker: cannot read request {missing}:", r.Error);

        var garbage = dir.Write("garbage.json", "{\"family\": ");
        r = MeasurementFixture.Cli(Repo.Root, "worker", "--request", garbage);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"worker: request {garbage}: not a worker request:", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));

        var unknown = dir.Write("unknown.json", new WorkerRequest { Family = "nope", Invocation = Full.Invocation }.ToJson());
        r = MeasurementFixture.Cli(Repo.Root, "worker", "--request", unknown);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"worker: request {unknown}: unknown engine family 'nope' (known: wasmtime, wasmc)", r.Error.TrimEnd('\n'));

        var noInvocation = dir.Write("run.json", new WorkerRequest { Family = "wasmtime" }.ToJson());
        r = MeasurementFixture.Cli(Repo.Root, "worker", "--request", noInvocation);
        Assert.Equal($"worker: request {noInvocation}: a run request needs \"invocation\"", r.Error.TrimEnd('\n'));

        var badSettings = dir.Write("settings.json", (Full with { Settings = "turbo" }).ToJson());
        r = MeasurementFixture.Cli(Repo.Root, "worker", "--request", badSettings);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("unknown wasmtime tier 'turbo'", r.Error);
    }
}
