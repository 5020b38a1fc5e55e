using Xunit;
using System.Text.Json.Nodes;
using Observatory.Harness.Cli;
using Observatory.Reports.Site;
using Observatory.Reports.Store;

using Observatory.Tests.Measurement;

namespace Observatory.Tests.Conformance;

/// <summary>The `observatory conformance` command end to end, the store's tables and views, and the report section.</summary>
public class ConformanceCommandTests
{
    private static (int Code, string Out, string Err) Cli(string root, params string[] args) =>
        MeasurementFixture.Cli(root, args) is var r ? (r.ExitCode, r.Out, r.Error) : default;

    [Fact]
    public void Spec_suite_json_summary_and_rows_in_the_database()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/i32x.wast", "(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))\n" +
                                     "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 3))\n" +
                                     "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 4))\n");
        tmp.Write("suite/proposals/gc/s.wast", "(module (type $s (struct)) (func (export \"n\") (result anyref) (struct.new $s)))\n(assert_return (invoke \"n\") (ref.struct))\n");
        var db = Path.Combine(tmp.Path, "o.duckdb");
        var (code, stdout, stderr) = Cli(tmp.Path, "conformance", "--suite", "spec", "--testsuite", Path.Combine(tmp.Path, "suite"), "--engines", "wasmtime*", "--json", "--db", db);
        Assert.True(code == 0, stderr);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("spec", (string?)json["suite"]);
        Assert.StartsWith("sha256:", (string?)json["revision"]);
        var engine = json["engines"]![0]!;
        Assert.StartsWith("wasmtime-", (string?)engine["engine"]);
        // Every directive counts: two modules and three assertions.
        Assert.Equal(5, (int)engine["total"]!);
        Assert.Equal(4, (int)engine["passed"]!);
        Assert.Equal(1, (int)engine["failed"]!);
        Assert.Equal(3, (int)engine["assertions"]!["total"]!);
        Assert.Equal(2, (int)engine["modules"]!["passed"]!);
        Assert.Equal(2, (int)engine["byFeature"]!["gc"]!["passed"]!);
        Assert.Equal(3, (int)engine["byFeature"]!["core"]!["total"]!);
        Assert.Equal(1, (int)engine["byFeature"]!["core"]!["failed"]!);

        using var store = ObservatoryStore.Open(db, readOnly: true);
        var fail = store.Query("SELECT * FROM conformance_results WHERE outcome = 'fail'").Single();
        Assert.Equal("i32x.wast", fail["file"]);
        Assert.Equal(3, Convert.ToInt32(fail["line"]));
        Assert.Equal("i32:0x00000004", fail["expected"]);
        Assert.Equal("i32:0x00000003", fail["actual"]);
        Assert.Equal("core", fail["feature"]);
        var summary = store.Query("SELECT feature, total, passed FROM conformance_summary ORDER BY feature");
        Assert.Equal(2, summary.Count);
    }

    [Fact]
    public void A_wasm_h_library_named_on_the_command_line_runs_the_spec_suite()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/mix.wast", "(module (func (export \"add\") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))\n" +
                                    "  (func (export \"splat\") (param i32) (result v128) (i32x4.splat (local.get 0))))\n" +
                                    "(assert_return (invoke \"add\" (i32.const 1) (i32.const 2)) (i32.const 3))\n" +
                                    "(assert_return (invoke \"splat\" (i32.const 1)) (v128.const i32x4 1 1 1 1))\n");
        var library = Observatory.Collectors.Engines.WasmC.WasmCProvider.BundledLibwasmtime(ConformanceTestEnvironment.Engines);
        Assert.NotNull(library);
        var db = Path.Combine(tmp.Path, "o.duckdb");
        var (code, stdout, stderr) = Cli(tmp.Path, "conformance", "--suite", "spec", "--testsuite", Path.Combine(tmp.Path, "suite"),
            "--engines", "wasmc:" + library, "--json", "--db", db);
        Assert.True(code == 0, stderr);
        var engines = JsonNode.Parse(stdout)!["engines"]!.AsArray();
        var engine = Assert.Single(engines)!;
        Assert.StartsWith("wasmc-wasmtime-", (string?)engine["engine"]);
        Assert.Equal(3, (int)engine["total"]!); // the module and two assertions
        // The v128 result has no wasm.h value kind: it is checked inside a wrapper module and passes.
        Assert.Equal(3, (int)engine["passed"]!);
        Assert.Equal(0, (int)engine["failed"]!);
        Assert.Equal(0, (int)engine["skipped"]!);

        // A path that is not a library is named in the reason it cannot run.
        var (badCode, _, badErr) = Cli(tmp.Path, "conformance", "--suite", "spec", "--testsuite", Path.Combine(tmp.Path, "suite"),
            "--engines", "wasmc:" + Path.Combine(tmp.Path, "nope.so"), "--db", db);
        Assert.NotEqual(0, badCode);
        Assert.Contains("nope.so", badErr);
    }

    [Fact]
    public void A_missing_suite_says_how_to_get_one()
    {
        using var tmp = new TempDir();
        var (code, _, stderr) = Cli(tmp.Path, "conformance", "--suite", "spec", "--testsuite", Path.Combine(tmp.Path, "nope"), "--db", Path.Combine(tmp.Path, "o.duckdb"));
        Assert.Equal(1, code);
        Assert.Contains("--testsuite", stderr);
        Assert.Contains("no such directory", stderr);
    }

    [Fact]
    public void A_malformed_wast_is_named_with_file_and_line_in_the_output()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/broken.wast", "(module)\n(assert_return (invoke \"f\") (i32.const nope))\n");
        var (code, stdout, _) = Cli(tmp.Path, "conformance", "--suite", "spec", "--testsuite", Path.Combine(tmp.Path, "suite"), "--engines", "wasmtime*", "--db", Path.Combine(tmp.Path, "o.duckdb"));
        Assert.Equal(0, code);
        Assert.Contains("cannot parse broken.wast:2:40: malformed i32 literal 'nope'", stdout);
    }

    [Fact]
    public void Wasi_programs_build_and_pass_on_wasmtime()
    {
        using var tmp = new TempDir();
        var src = Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "conformance", "wasi");
        var dst = Path.Combine(tmp.Path, "conformance", "wasi");
        Directory.CreateDirectory(Path.Combine(dst, "fs", "sub"));
        foreach (var f in new[] { "wasi_test.h", "args_basic.c", "args_basic.json", "proc_exit_code.c", "proc_exit_code.json", "readdir_list.c", "readdir_list.json",
                     "fs/hello.txt", "fs/sub/a.txt", "fs/sub/b.txt", "fs/sub/c.txt" })
            File.Copy(Path.Combine(src, f), Path.Combine(dst, f));
        var db = Path.Combine(tmp.Path, "o.duckdb");
        var (code, stdout, stderr) = Cli(tmp.Path, "conformance", "--suite", "wasi", "--engines", "wasmtime*", "--json", "--db", db);
        Assert.True(code == 0, stderr + stdout);
        var engine = JsonNode.Parse(stdout)!["engines"]![0]!;
        Assert.Equal(3, (int)engine["total"]!);
        Assert.True((int)engine["passed"]! == 3, stderr);
    }

    /// <summary>The wasm.h engine's own WASI shim: symlinks (made, read, followed, and not followed out of the sandbox) and poll_oneoff on a clock.</summary>
    [Fact]
    public void Wasi_links_and_poll_pass_on_the_wasm_h_engine()
    {
        using var tmp = new TempDir();
        var src = Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "conformance", "wasi");
        var dst = Path.Combine(tmp.Path, "conformance", "wasi");
        Directory.CreateDirectory(Path.Combine(dst, "fs", "sub"));
        var programs = new[] { "symlink_follow", "symlink_readlink", "path_escape_symlink", "poll_clock" };
        foreach (var f in programs.SelectMany(p => new[] { p + ".c", p + ".json" }).Concat(["wasi_test.h", "fs/hello.txt", "fs/sub/a.txt", "fs/sub/b.txt", "fs/sub/c.txt"]))
            File.Copy(Path.Combine(src, f), Path.Combine(dst, f));
        var (code, stdout, stderr) = Cli(tmp.Path, "conformance", "--suite", "wasi", "--engines", "wasmc*", "--json", "--db", Path.Combine(tmp.Path, "o.duckdb"));
        Assert.True(code == 0, stderr + stdout);
        var engine = JsonNode.Parse(stdout)!["engines"]![0]!;
        Assert.StartsWith("wasmc-", (string)engine["engine"]!);
        Assert.Equal(programs.Length, (int)engine["total"]!);
        Assert.True((int)engine["passed"]! == programs.Length, stderr + stdout);
    }

    [Fact]
    public void Store_flags_differing_outputs_and_the_report_lists_failures()
    {
        using var tmp = new TempDir();
        using var store = ObservatoryStore.Open(Path.Combine(tmp.Path, "o.duckdb"));
        ConformanceStore.Ingest(store, new ConformanceRun
        {
            RunId = "c1", Suite = "spec", SuiteRoot = "/suite", Revision = "abc", StartedUtc = DateTime.UtcNow, FinishedUtc = DateTime.UtcNow,
            Engines = [new ConformanceEngineRun("eng-a", "1", 2.0, 1, 2)],
            Rows =
            [
                new ConformanceRow { File = "f.wast", Line = 3, Directive = "assert_return", Feature = "core", Engine = "eng-a", Outcome = "pass", IsAssertion = true },
                new ConformanceRow { File = "f.wast", Line = 9, Directive = "assert_return", Feature = "simd", Engine = "eng-a", Outcome = "fail", IsAssertion = true,
                    Expected = "i32:0x00000001", Actual = "i32:0x00000002", Message = "result 0 differs" },
                new ConformanceRow { File = "f.wast", Line = 1, Directive = "module", Feature = "core", Engine = "eng-a", Outcome = "pass", IsAssertion = false },
            ],
        });
        store.Execute("""
            INSERT INTO samples (run_id, workload, variant, engine_id, outcome, stdout_sha256) VALUES
              ('r1', 'w', 'O2', 'a', 'ok', 'aaaa'), ('r1', 'w', 'O2', 'b', 'ok', 'aaaa'),
              ('r1', 'v', 'O2', 'a', 'ok', 'aaaa'), ('r1', 'v', 'O2', 'b', 'wrong-output', 'bbbb'), ('r1', 'v', 'O2', 'c', 'trap', NULL)
            """);
        store.Execute("INSERT INTO runs (run_id, started_utc) VALUES ('r1', now())");
        var diff = store.Query("SELECT workload, differs, distinct_outputs FROM differential_outputs ORDER BY workload");
        Assert.Equal([("v", true), ("w", false)], diff.Select(r => ((string)r["workload"]!, (bool)r["differs"]!)));
        var summary = store.Query("SELECT feature, total, passed, failed, assertions, modules FROM conformance_summary ORDER BY feature");
        Assert.Equal(2, summary.Count);
        // The module row counts, as a module directive, beside the assertion.
        Assert.Equal([2L, 1L, 1L], new[] { "total", "assertions", "modules" }.Select(c => Convert.ToInt64(summary[0][c])));

        var html = ConformanceSection.Render(store);
        Assert.Contains("f.wast:9", html);
        Assert.Contains("i32:0x00000002", html);
        Assert.Contains("data-differs=\"true\"", html);
        Assert.Contains("outputs differ", html);
    }
}

/// <summary>A wasi-testsuite checkout's layout: tests/NAME/testsuite/wasm32-wasip1/*.wasm + .json + manifest.json, with a directory to preopen.</summary>
public class WasiTestsuiteLayoutTests
{
    // Writes "hi\n" with fd_write, then reads fs/in.txt's first byte through the preopen (fd 3) and exits with it minus 'a'.
    private const string Program = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "hi\n")
          (data (i32.const 16) "in.txt")
          (func (export "_start")
            (i32.store (i32.const 32) (i32.const 0)) (i32.store (i32.const 36) (i32.const 3))
            (drop (call $write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40)))
            (if (call $open (i32.const 3) (i32.const 0) (i32.const 16) (i32.const 6) (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 44))
              (then (call $exit (i32.const 99))))
            (i32.store (i32.const 48) (i32.const 64)) (i32.store (i32.const 52) (i32.const 1))
            (drop (call $read (i32.load (i32.const 44)) (i32.const 48) (i32.const 1) (i32.const 56)))
            (call $exit (i32.sub (i32.load8_u (i32.const 64)) (i32.const 97)))))
        """;

    [Fact]
    public void A_wasi_testsuite_checkout_runs_each_test_in_a_fresh_copy_of_its_directory()
    {
        using var tmp = new TempDir();
        var dir = Path.Combine(tmp.Path, "wasi-testsuite", "tests", "wat", "testsuite", "wasm32-wasip1");
        Directory.CreateDirectory(Path.Combine(dir, "fs.dir"));
        File.WriteAllText(Path.Combine(dir, "..", "manifest.json"), "{\"name\": \"WAT tests\"}");
        File.WriteAllText(Path.Combine(dir, "fs.dir", "in.txt"), "c");
        File.WriteAllBytes(Path.Combine(dir, "read.wasm"), Observatory.Collectors.Conformance.Spec.TextToBinary.Convert(Program));
        File.WriteAllText(Path.Combine(dir, "read.json"), "{\"dirs\": [\"fs.dir\"], \"exit_code\": 2, \"stdout\": \"hi\\n\"}");
        File.WriteAllText(Path.Combine(dir, "read.cleanup"), "");

        var tests = Observatory.Collectors.Conformance.Wasi.WasiTestCase.DiscoverTestsuite(Path.Combine(tmp.Path, "wasi-testsuite"));
        var test = Assert.Single(tests);
        Assert.Equal("wasi-testsuite:WAT tests", test.Feature);
        var wasmtime = Observatory.Collectors.Engines.EngineCatalog.Discover(ConformanceTestEnvironment.Engines)
            .First(e => e.Descriptor.Id.StartsWith("wasmtime", StringComparison.Ordinal) && e.Descriptor.Status == Observatory.Core.Engines.EngineStatus.Ready);
        var r = Observatory.Collectors.Conformance.Wasi.WasiSuiteRunner.RunOne(test, wasmtime, Path.Combine(tmp.Path, "scratch"), TimeSpan.FromSeconds(60));
        Assert.True(r.Outcome == Observatory.Collectors.Conformance.Spec.AssertionOutcome.Pass, r.Message);
        Assert.Equal("c", File.ReadAllText(Path.Combine(dir, "fs.dir", "in.txt")));
    }
}
