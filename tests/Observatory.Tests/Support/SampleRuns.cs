using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;

namespace Observatory.Tests.Support;

/// <summary>Hand-made runs for store and report tests (the measuring path is tested by the integration tests).</summary>
public static class SampleRuns
{
    public static RunInfo Make(string runId, string label = "", Outcome wasmOutcome = Outcome.Ok)
    {
        var fp = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "test" });
        var samples = new List<Sample>();
        for (var p = 0; p < 3; p++)
        {
            samples.Add(new Sample { Workload = "sum", Variant = "O2", Engine = "native", Process = p, Iteration = 0, Outcome = Outcome.Ok, ExecuteNs = 1_000_000 + p, RegionNs = 900_000 + p, TotalNs = 1_100_000, PeakRssKb = 1500, ExitCode = 0, StdoutSha256 = "aa" });
            for (var i = 0; i < 3; i++)
                samples.Add(new Sample { Workload = "sum", Variant = "O2", Engine = "wasmtime-50.0.1/cranelift", Process = p, Iteration = i, Outcome = wasmOutcome, CompileNs = 5_000_000, InstantiateNs = 20_000, ExecuteNs = 1_500_000 + i, RegionNs = 1_400_000 + i * 10, TotalNs = i == 0 ? 90_000_000 : null, PeakRssKb = 40_000, ExitCode = 0, StdoutSha256 = "aa", Message = wasmOutcome == Outcome.Ok ? null : "wasm trap: unreachable" });
        }
        var cells = new List<Cell>
        {
            new() { Workload = "sum", Variant = "O2", Engine = "native", Outcome = Outcome.Ok, Samples = 3, MedianNs = 900_001, CiLowNs = 900_000, CiHighNs = 900_002, RatioToNative = 1, RatioCiLow = 1, RatioCiHigh = 1 },
            wasmOutcome == Outcome.Ok
                ? new() { Workload = "sum", Variant = "O2", Engine = "wasmtime-50.0.1/cranelift", Outcome = Outcome.Ok, Samples = 6, MedianNs = 1_400_010, CiLowNs = 1_400_000, CiHighNs = 1_400_020, RatioToNative = 1.5555, RatioCiLow = 1.55, RatioCiHigh = 1.56, MedianCompileNs = 5_000_000, MedianInstantiateNs = 20_000 }
                : new() { Workload = "sum", Variant = "O2", Engine = "wasmtime-50.0.1/cranelift", Outcome = wasmOutcome, Samples = 9, Message = "wasm trap: unreachable" },
        };
        return new RunInfo
        {
            RunId = runId,
            Label = label,
            Profile = "quick",
            StartedUtc = DateTimeOffset.UtcNow,
            FinishedUtc = DateTimeOffset.UtcNow,
            Fingerprint = fp,
            Engines =
            [
                new EngineDescriptor { Id = "native", Family = "native", Version = "clang-22", Tier = "aot", IsNative = true },
                new EngineDescriptor { Id = "wasmtime-50.0.1/cranelift", Family = "wasmtime", Version = "50.0.1", Tier = "cranelift" },
                new EngineDescriptor { Id = "wasmer/llvm", Family = "wasmer", Version = "", Tier = "llvm", Status = EngineStatus.NotInstalled, Reason = "not on PATH" },
            ],
            Workloads = [new WorkloadInfo { Name = "sum", Variant = "O2", Category = "kernel", Language = "c", WasmSha256 = new string('a', 64), WasmBytes = 1234, Args = ["100"] }],
            Samples = samples,
            Cells = cells,
        };
    }

    /// <summary><see cref="Make"/> with two named regions per sample (prefill, decode) and their per-cell summaries.</summary>
    public static RunInfo WithRegions(string runId, string label = "")
    {
        var run = Make(runId, label);
        var samples = run.Samples.Select(s => s with { RegionsNs = [s.RegionNs!.Value / 4, s.RegionNs!.Value - s.RegionNs!.Value / 4] }).ToList();
        RegionSummary Region(string engine, int index, double median) => new()
        {
            Workload = "sum", Variant = "O2", Engine = engine, Index = index, Name = index == 0 ? "prefill" : "decode", Unit = "tokens",
            Count = index == 0 ? 128 : 384, Samples = 3, MedianNs = median, CiLowNs = median * 0.99, CiHighNs = median * 1.01,
            RatePerSecond = (index == 0 ? 128 : 384) / (median / 1e9),
        };
        return run with
        {
            Samples = samples,
            Regions = [Region("native", 0, 225_000), Region("native", 1, 675_000), Region("wasmtime-50.0.1/cranelift", 0, 350_000), Region("wasmtime-50.0.1/cranelift", 1, 1_050_000)],
        };
    }
}
