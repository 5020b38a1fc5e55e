using System.Text.Json.Nodes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>`observatory run --wasm FILE`: any module as an ad-hoc workload.</summary>
public class AdHocModuleTests
{
    /// <summary>A module with the Sightglass bench imports that echoes stdin, built by clang in the test.</summary>
    private static string BuildEcho(TempDirectory dir)
    {
        var artifact = MeasurementFixture.Build(dir, "echo", """
            #include <stdio.h>
            #include "../bench.h"
            int main(void) {
                char buf[256]; size_t n;
                bench_start();
                while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) fwrite(buf, 1, n, stdout);
                bench_end();
                return 0;
            }
            """, "[]");
        return artifact.WasmPath!;
    }

    [Fact]
    public void A_module_with_bench_imports_runs_and_its_stdout_is_checked_against_the_expectation()
    {
        using var dir = new TempDirectory();
        var wasm = BuildEcho(dir);
        var input = dir.Write("in.txt", "hello observatory\n");
        var good = dir.Write("good.txt", "hello observatory\n");
        var bad = dir.Write("bad.txt", "something else\n");
        var root = MeasurementFixture.NewRepository(dir);
        var db = dir.Combine("o.duckdb");
        string[] common = ["run", "--wasm", wasm, "--stdin", input, "--engines", "wasmtime-*/cranelift", "--db", db,
                           "--no-overhead", "--min-processes", "1", "--max-processes", "1", "--iterations", "2", "--json"];

        var ok = MeasurementFixture.Cli(root, [.. common, "--expect-stdout", good]);
        Assert.Equal(0, ok.ExitCode);
        var cell = Assert.Single(JsonNode.Parse(ok.Out)!["cells"]!.AsArray())!;
        Assert.Equal("adhoc-echo", (string?)cell["workload"]);
        Assert.Equal("ok", (string?)cell["outcome"]);
        Assert.NotNull(cell["medianNs"]);

        var wrong = MeasurementFixture.Cli(root, [.. common, "--expect-stdout", bad]);
        var wrongCell = Assert.Single(JsonNode.Parse(wrong.Out)!["cells"]!.AsArray())!;
        Assert.Equal("wrong-output", (string?)wrongCell["outcome"]);
        Assert.Null(wrongCell["medianNs"]);
    }

    [Fact]
    public void A_file_that_is_not_wasm_is_refused_by_name()
    {
        using var dir = new TempDirectory();
        var notWasm = dir.Write("notes.wasm", "this is text");
        var r = MeasurementFixture.Cli(MeasurementFixture.NewRepository(dir), "run", "--wasm", notWasm, "--db", dir.Combine("o.duckdb"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"--wasm {notWasm} is not a WebAssembly module", r.Error);
    }
}
