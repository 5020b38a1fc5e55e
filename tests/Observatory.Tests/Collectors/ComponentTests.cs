using Observatory.Collectors.Engines.Components;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors;

/// <summary>
/// The WASI probe as a WASI 0.2 component (jco new + the preview1 command adapter): on
/// Wasmtime's component API and on V8 through jco transpile, with the same output as native
/// and every phase measured.
/// </summary>
public sealed class ComponentTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    public static TheoryData<string> ComponentEngines
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var e in Bed.Engines.Where(e => e is ComponentEngine && e.Descriptor.Status == Observatory.Core.Engines.EngineStatus.Ready))
                data.Add(e.Descriptor.Id);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(ComponentEngines))]
    public void The_component_reports_compile_instantiate_and_execute_and_matches_native(string engineId)
    {
        var r = Bed.Run(Bed.Engine(engineId), Bed.ProbeWasm, Bed.Temp.Combine("component", EveryEngineTests.Safe(engineId)), iterations: 2);
        Assert.All(r.Iterations, it =>
        {
            Assert.True(it.Outcome == Outcome.Ok, $"{it.Outcome}: {it.Message} {r.StderrTail}");
            Assert.True(it.CompileNs > 0 && it.InstantiateNs > 0 && it.ExecuteNs > 0);
            Assert.Null(it.RegionNs); // bench imports are folded out of components
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
        });
        var exit = Bed.Run(Bed.Engine(engineId), Bed.ProbeWasm, Bed.Temp.Combine("component-exit", EveryEngineTests.Safe(engineId)), args: ["exit7"]);
        var e = Assert.Single(exit.Iterations);
        Assert.Equal(Outcome.Ok, e.Outcome);
        Assert.NotEqual(0, e.ExitCode); // WASI p2's exit carries only ok/err: a failing exit status is 1
    }

    [Fact]
    public void The_component_is_made_with_the_adapter_shipped_in_jco()
    {
        var tools = new ComponentToolchain(Bed.Env);
        if (tools.Missing() is { } missing) { Assert.Fail($"jco not installed here: {missing}"); return; }
        Assert.EndsWith("wasi_snapshot_preview1.command.wasm", tools.Adapter);
        var component = tools.Component(Bed.ProbeWasm, out var reason);
        Assert.True(component is not null, reason);
        var bytes = File.ReadAllBytes(component!);
        // A component's preamble: magic, then version 0x0d with layer 1 (a core module has version 1, layer 0).
        Assert.Equal(new byte[] { 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00 }, bytes[..8]);
    }
}
