using System.Text.Json.Nodes;
using Xunit;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Core.Engines;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Isa;

/// <summary>
/// Foreign ISAs for real: the pinned Node builds and cross-compiled native code under qemu-user (aarch64 and
/// the big-endian s390x only, to keep CI time low), the portability matrix, the architecture page and
/// spec conformance per ISA; and the engine status when a cross library is missing.
/// </summary>
public class EmulatedIsaTests
{
    /// <summary>Prints the bytes of a 32-bit integer as stored in memory: 04030201 on little-endian CPUs, 01020304 on s390x.</summary>
    private const string ByteOrder = """
        #include <stdio.h>
        #include <string.h>
        int main(void) {
            unsigned int x = 0x01020304u;
            unsigned char b[4];
            memcpy(b, &x, 4);
            printf("%02x%02x%02x%02x\n", b[0], b[1], b[2], b[3]);
            return 0;
        }
        """;

    [Fact]
    public void Portability_matrix_finds_the_big_endian_native_divergence_and_wasm_agrees_everywhere()
    {
        using var tmp = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(tmp);
        TestWorkloads.Add(corpus, "sum", TestWorkloads.Sum, "[\"1000\"]");
        TestWorkloads.Add(corpus, "byteorder", ByteOrder);
        var db = tmp.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(Repo.Root, "portability", "--workload-dir", corpus, "--arch", "x86_64,aarch64,s390x",
            "--engines", "native*,node-26*/default,wasmtime-*/cranelift", "--json", "--db", db);
        Assert.True(r.ExitCode == 0, r.Error);
        var cells = JsonNode.Parse(r.Out)!["cells"]!.AsArray();
        string Verdict(string workload, string engine) =>
            (string)cells.Single(c => (string)c!["workload"]! == workload && ((string)c!["engine"]!).StartsWith(engine, StringComparison.Ordinal))!["verdict"]!;

        foreach (var engine in new[] { "native-aarch64", "native-s390x", "node-26.12.1-aarch64/default" })
            Assert.Equal("agree", Verdict("sum", engine));
        // wasm is little-endian on every CPU: V8 on aarch64 prints x86_64's bytes.
        Assert.Equal("agree", Verdict("byteorder", "node-26.12.1-aarch64/default"));
        Assert.Equal("agree", Verdict("byteorder", "native-aarch64"));
        // x86_64 Wasmtime, the reference of workloads without a native build, is judged like any engine where native was.
        var wasmtime = cells.Where(c => ((string)c!["engine"]!).StartsWith("wasmtime-", StringComparison.Ordinal) && !(bool)c!["emulated"]!).ToList();
        Assert.Equal(["byteorder", "sum"], wasmtime.Select(c => (string)c!["workload"]!).Order(StringComparer.Ordinal));
        Assert.All(wasmtime, c => Assert.Equal("agree", (string)c!["verdict"]!));
        Assert.All(wasmtime, c => Assert.StartsWith("native", (string)c!["reference"]!, StringComparison.Ordinal));
        // Native code on s390x stores the integer big-endian: a divergence, with the first differing bytes.
        var s390x = cells.Single(c => (string)c!["workload"]! == "byteorder" && (string)c!["engine"]! == "native-s390x")!;
        Assert.Equal("wrong-output", (string)s390x["verdict"]!);
        // "04030201\n" against "01020304\n": they part at the second character.
        Assert.Equal(1, (long)s390x["firstDifference"]!);
        Assert.Equal("343033303230310a", (string)s390x["expectedBytes"]!);
        Assert.Equal("313032303330340a", (string)s390x["actualBytes"]!);
        Assert.True((bool)s390x["emulated"]!);

        // Each part (the reference, then every engine of every ISA) with its cells and the CPU of its processes.
        var parts = JsonNode.Parse(r.Out)!["parts"]!.AsArray();
        Assert.Equal("reference", (string)parts[0]!["engine"]!);
        var node = parts.Single(p => (string)p!["engine"]! == "node-26.12.1-aarch64/default")!;
        Assert.Equal("aarch64", (string)node["isa"]!);
        Assert.Equal(2, (int)node["cells"]!);
        // V8 under qemu takes seconds of CPU to start.
        Assert.True((double)node["cpuSeconds"]! > 0.5, node.ToJsonString());

        using (var store = ObservatoryStore.Open(db, readOnly: true))
            Assert.Equal("wrong-output", store.Query("SELECT verdict FROM portability WHERE workload = 'byteorder' AND engine_id = 'native-s390x'").Single()["verdict"]);
        var site = tmp.Combine("site");
        var report = MeasurementFixture.Cli(Repo.Root, "report", "--db", db, "--out", site);
        Assert.True(report.ExitCode == 0, report.Error);
        var page = File.ReadAllText(Path.Combine(site, "architecture.html"));
        Assert.Contains("native-s390x", page);
        Assert.Contains("s390x (emulated)", page);
        Assert.Contains("313032303330340a", page);
    }

    [Fact]
    public void Spec_assertions_run_on_the_aarch64_and_s390x_node_builds()
    {
        using var tmp = new TempDirectory();
        tmp.Write("suite/bits.wast",
            "(module (memory 1)\n" +
            "  (func (export \"bits\") (result i32) (i32.reinterpret_f32 (f32.const 1.5)))\n" +
            "  (func (export \"load\") (result i32) (i32.store (i32.const 0) (i32.const 0x01020304)) (i32.load8_u (i32.const 0))))\n" +
            "(assert_return (invoke \"bits\") (i32.const 0x3fc00000))\n" +
            "(assert_return (invoke \"load\") (i32.const 4))\n" +
            "(assert_return (invoke \"load\") (i32.const 1))\n");
        var db = tmp.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(Repo.Root, "conformance", "--suite", "spec", "--testsuite", tmp.Combine("suite"),
            "--arch", "aarch64,s390x", "--engines", "node-*", "--jobs", "2", "--json", "--db", db);
        Assert.True(r.ExitCode == 0, r.Error);
        var engines = JsonNode.Parse(r.Out)!["engines"]!.AsArray();
        Assert.Equal(["node-20.11.0-s390x", "node-26.12.1-aarch64"], engines.Select(e => (string)e!["engine"]!).Order(StringComparer.Ordinal));
        foreach (var e in engines)
        {
            // The module directive counts like the three assertions.
            Assert.Equal(4, (int)e!["total"]!);
            // Little-endian linear memory on both: the deliberately wrong third assertion is the only failure.
            Assert.Equal(3, (int)e["passed"]!);
        }
        // The two emulated engines ran at once over the shared process slots, each still with its own CPU line.
        Assert.Contains("node-26.12.1-aarch64, node-20.11.0-s390x: at once, 2 processes at a time among them", r.Error);
        foreach (var id in new[] { "node-20.11.0-s390x", "node-26.12.1-aarch64" })
            Assert.Matches($@"  {System.Text.RegularExpressions.Regex.Escape(id)}: done in .* s CPU of its processes \(\d+ processes\)", r.Error);
    }

    [Fact]
    public void A_missing_cross_library_or_qemu_is_an_engine_status_with_the_reason()
    {
        using var tmp = new TempDirectory();
        var env = new EngineEnvironment { RepositoryRoot = Repo.Root, CacheDirectory = tmp.Combine("cache") };
        // A sysroot without the loader: qemu starts, the foreign node cannot.
        Directory.CreateDirectory(tmp.Combine("aarch64-linux-gnu", "lib"));
        var empty = ForeignIsa.Named(InstructionSet.Arm64)! with { SysrootParent = tmp.Path };
        var broken = new EmulatedNodeProvider([empty]).Discover(env).Single().Descriptor;
        Assert.Equal(EngineStatus.Broken, broken.Status);
        Assert.Contains("ld-linux-aarch64.so.1", broken.Reason);
        Assert.Equal(InstructionSet.Arm64, broken.Isa);
        Assert.True(broken.Emulated);

        var noQemu = ForeignIsa.Named(InstructionSet.S390x)! with { QemuName = "qemu-s390x-missing-static" };
        var missing = new EmulatedNodeProvider([noQemu]).Discover(env).Single().Descriptor;
        Assert.Equal(EngineStatus.NotInstalled, missing.Status);
        Assert.Contains("qemu-s390x-missing-static not on PATH", missing.Reason);
        Assert.Contains("apt-get install qemu-user-static", missing.Reason);
    }
}
