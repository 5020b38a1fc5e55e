using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Engines.WasmC;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors;

/// <summary>
/// The same WASI program (wasi_probe.c: args, environ, clocks, random, stdin, files and
/// directories, bench region) on every ready engine, its stdout checked byte for byte
/// against the native build's.
/// </summary>
public sealed class EveryEngineTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    public static TheoryData<string> WasiEngines => EngineTestBed.ReadyWasmEngines(wasiOnly: true);

    [Theory]
    [MemberData(nameof(WasiEngines))]
    public void Wasi_program_output_matches_native(string engineId)
    {
        var engine = Bed.Engine(engineId);
        var r = Bed.Run(engine, Bed.ProbeWasm, Bed.Temp.Combine("every", Safe(engineId)));
        var it = Assert.Single(r.Iterations);
        Assert.True(it.Outcome == Outcome.Ok, $"{engineId}: {it.Outcome}: {it.Message} {r.StderrTail}");
        Assert.Equal(0, it.ExitCode);
        Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
    }

    [Fact]
    public void At_least_the_engines_obtainable_everywhere_are_ready()
    {
        var ready = Bed.Engines.Where(e => e.Descriptor.Status == EngineStatus.Ready).Select(e => e.Descriptor.Id).ToHashSet();
        foreach (var s in WasmtimeSettings.Standard)
            Assert.Contains(WasmtimeEngine.DescriptorFor(s).Id, ready);
        Assert.Contains($"wasmc-wasmtime-{WasmtimeEngine.PackageVersion}", ready);
        Assert.Contains("native", ready);
    }

    [Fact]
    public void Engines_that_cannot_run_are_listed_with_a_reason_never_dropped()
    {
        foreach (var e in Bed.Engines.Where(e => e.Descriptor.Status != EngineStatus.Ready))
            Assert.False(string.IsNullOrWhiteSpace(e.Descriptor.Reason), $"{e.Descriptor.Id} has no reason");
        // Wasmer and WAMR through wasm.h are always listed, installed or not.
        Assert.Contains(Bed.Engines, e => e.Descriptor.Family == WasmCEngine.Family && e.Descriptor.Id.Contains("wasmer"));
        Assert.Contains(Bed.Engines, e => e.Descriptor.Family == WasmCEngine.Family && e.Descriptor.Id.Contains("iwasm"));
        Assert.Equal(Bed.Engines.Count, Bed.Engines.Select(e => e.Descriptor.Id).Distinct().Count());
    }

    internal static string Safe(string id) => string.Concat(id.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
}

/// <summary>A kernel without any import (the shape of non-WASI workloads) on every ready engine, wabt's interpreter included.</summary>
public sealed class KernelOnEveryEngineTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    public static TheoryData<string> AllEngines => EngineTestBed.ReadyWasmEngines(wasiOnly: false);

    [Theory]
    [MemberData(nameof(AllEngines))]
    public void Kernel_runs(string engineId)
    {
        var wasm = Bed.Temp.Combine("kernel.wasm");
        lock (Bed) if (!File.Exists(wasm)) File.WriteAllBytes(wasm, global::Wasmtime.Module.ConvertText(InProcessEngineConformanceTests.KernelWat));
        var r = Bed.Run(Bed.Engine(engineId), wasm, Bed.Temp.Combine("kernel", EveryEngineTests.Safe(engineId)), args: []);
        var it = Assert.Single(r.Iterations);
        if (Bed.Engine(engineId).Descriptor.Id.Contains("component"))
        {
            // Only a WASI command can become a WASI 0.2 command component: the rest is unsupported, with jco's reason.
            Assert.Equal(Outcome.Unsupported, it.Outcome);
            Assert.Contains("jco new", it.Message);
            return;
        }
        Assert.True(it.Outcome == Outcome.Ok, $"{engineId}: {it.Outcome}: {it.Message} {r.StderrTail}");
        if (Bed.Engine(engineId).Descriptor.Family == "wabt")
            Assert.Equal("run() => i32:49995000\n", File.ReadAllText(it.StdoutPath!));
    }
}
