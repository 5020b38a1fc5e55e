using System.Text.Json.Nodes;
using Observatory.Collectors.Engines.WasmC;
using Observatory.Tests.Conformance;
using Observatory.Tests.Measurement;

namespace Observatory.Tests.Collectors.WasmH;

/// <summary><c>conformance --suite wasi --engines wasmc:PATH</c> runs on the library named, as run and the spec suite do.</summary>
public sealed class WasmHWasiSuiteTests
{
    [Fact]
    public void The_wasi_suite_runs_on_a_wasm_h_library_given_by_path()
    {
        var lib = WasmCProvider.BundledLibwasmtime(EngineTestBed.Shared.Env);
        Assert.NotNull(lib);
        using var tmp = new TempDir();
        var src = Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "conformance", "wasi");
        var dst = Path.Combine(tmp.Path, "conformance", "wasi");
        Directory.CreateDirectory(dst);
        foreach (var f in new[] { "wasi_test.h", "args_basic.c", "args_basic.json" }) File.Copy(Path.Combine(src, f), Path.Combine(dst, f));
        var r = MeasurementFixture.Cli(tmp.Path, "conformance", "--suite", "wasi", "--engines", "wasmc:" + lib, "--json", "--db", Path.Combine(tmp.Path, "o.duckdb"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var engines = JsonNode.Parse(r.Out)!["engines"]!.AsArray();
        var engine = Assert.Single(engines)!;
        Assert.StartsWith("wasmc-wasmtime-", (string)engine["engine"]!);
        Assert.True((int)engine["passed"]! == 1, r.Error + r.Out);
    }
}
