using System.Text.Json.Nodes;
using Observatory.Tests.Measurement;

namespace Observatory.Tests.Conformance;

/// <summary>
/// Every program of conformance/wasi (C and Rust, expected results recorded from Wasmtime, the
/// differential oracle) on Wasmtime itself and on the project's two WASI preview1 hosts: the
/// wasm.h engine's C# shim and the JS shim under Bun. One CLI run builds the programs once and
/// runs them on the three; each must pass every program.
/// </summary>
public class WasiHostsAgreementTests
{
    [Fact]
    public void Every_wasi_program_passes_on_wasmtime_the_wasm_h_shim_and_the_js_shim_under_bun()
    {
        using var tmp = new TempDir();
        var src = Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "conformance", "wasi");
        var dst = Path.Combine(tmp.Path, "conformance", "wasi");
        CopyTree(src, dst);
        var programs = Directory.EnumerateFiles(dst, "*.c").Concat(Directory.EnumerateFiles(dst, "*.rs")).Count();
        Assert.True(programs >= 86, $"{programs} programs in {src}");
        // Bun is found in the repository's node_modules.
        Directory.CreateSymbolicLink(Path.Combine(tmp.Path, "node_modules"), Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "node_modules"));
        var r = MeasurementFixture.Cli(tmp.Path, "conformance", "--suite", "wasi", "--engines", "wasmtime-*/cranelift,wasmc-wasmtime*,bun-*/default",
            "--json", "--db", Path.Combine(tmp.Path, "o.duckdb"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var engines = JsonNode.Parse(r.Out)!["engines"]!.AsArray();
        Assert.True(engines.Count == 3, r.Error + r.Out);
        foreach (var e in engines)
        {
            Assert.Equal(programs, (int)e!["total"]!);
            Assert.True((int)e["passed"]! == programs, $"{e["engine"]}: {e["passed"]} of {programs} passed\n{r.Error}");
        }
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is not null) File.CreateSymbolicLink(target, entry.LinkTarget);
            else if (entry is DirectoryInfo d) CopyTree(d.FullName, target);
            else File.Copy(entry.FullName, target);
        }
    }
}
