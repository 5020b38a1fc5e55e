using Observatory.Collectors.Engines.WasmC;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors.WasmH;

/// <summary>
/// A wasm.h library that prints partial lines to stdout (as WAMR logs with printf) in the worker
/// process: the probe and the run results still parse, because the worker reports through its own
/// file; and what the library does differently is in the engine's configuration.
/// </summary>
public sealed class WasmHWorkerChannelTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;
    private static FakeWasmHLibraries Libs => FakeWasmHLibraries.Shared;

    [Fact]
    public void A_noisy_wamr_layout_library_probes_ready_with_its_differences_in_its_configuration()
    {
        var d = WasmCProvider.ForPath(Bed.Env, Libs.NoisyWamr).Descriptor;
        Assert.True(d.Status == EngineStatus.Ready, d.Reason);
        Assert.Contains("vectors=wamr-40-byte", d.Flags);
        Assert.Contains("linear-memory-added-by-library=32768", d.Flags);
        Assert.Contains("adds 32768 bytes to linear memory", d.Source);
        var plain = WasmCProvider.ForPath(Bed.Env, Libs.Standard).Descriptor;
        Assert.True(plain.Status == EngineStatus.Ready, plain.Reason);
        Assert.Contains("vectors=wasm.h-16-byte", plain.Flags);
        Assert.DoesNotContain(plain.Flags, f => f.StartsWith("linear-memory-added", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_results_parse_while_the_library_prints_partial_lines_to_stdout()
    {
        var engine = WasmCProvider.ForPath(Bed.Env, Libs.NoisyWamr);
        var wasm = Bed.Temp.Combine("empty-start.wasm");
        lock (Bed) if (!File.Exists(wasm)) File.WriteAllBytes(wasm, global::Wasmtime.Module.ConvertText("(module (func (export \"_start\")))"));
        var r = Bed.Run(engine, wasm, Bed.Temp.Combine("wasmh-noisy-run"), iterations: 3);
        Assert.Empty(r.ProtocolErrors);
        Assert.Equal(3, r.Iterations.Count);
        Assert.All(r.Iterations, it => Assert.True(it.Outcome == Outcome.Ok && it.ExitCode == 0, $"{it.Outcome}: {it.Message}"));
    }
}
