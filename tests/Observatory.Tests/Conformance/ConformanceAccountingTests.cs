using Xunit;
using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;

namespace Observatory.Tests.Conformance;

/// <summary>
/// Honest conformance counts (issue 16): a module directive that fails is a failure; a module that
/// cannot be read costs only what needs it; every engine imports the same spectest module; the JSON
/// carries the failures and each engine's own wall time; --list-failures reads them back.
/// </summary>
public class ConformanceAccountingTests
{
    private static (int Code, string Out, string Err) Cli(string root, params string[] args) =>
        MeasurementFixture.Cli(root, args) is var r ? (r.ExitCode, r.Out, r.Error) : default;

    // Line 4: a module that fails to link. Line 6: a module whose text cannot be read; lines 7-9 need it
    // (an action on it, its registration, a module importing that name); lines 5, 10 and 12 do not.
    private const string Accounting = """
        (module $A (func (export "f") (result i32) (i32.const 42)))
        (register "A" $A)
        (assert_return (invoke "f") (i32.const 42))
        (module (import "spectest" "nope" (func)))
        (assert_return (invoke $A "f") (i32.const 42))
        (module quote "(func (export \"g\") (result i32) (i32.const 1)")
        (assert_return (invoke "g") (i32.const 1))
        (register "Q")
        (module (import "Q" "g" (func (result i32))) (func (export "h") (result i32) (i32.const 7)))
        (assert_return (invoke $A "f") (i32.const 42))
        (module (func (export "k") (result i32) (i32.const 5)))
        (assert_return (invoke "k") (i32.const 5))

        """;

    private static Dictionary<int, string> Outcomes(string db, string engineLike)
    {
        using var store = ObservatoryStore.Open(db, readOnly: true);
        return store.Query("SELECT line, outcome FROM conformance_results WHERE engine LIKE $e AND file = 'acct.wast'", ("e", engineLike))
            .ToDictionary(r => Convert.ToInt32(r["line"]), r => (string)r["outcome"]!);
    }

    [Fact]
    public void A_failing_module_is_counted_failed_and_an_unreadable_one_costs_only_its_dependents()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/acct.wast", Accounting);
        var db = Path.Combine(tmp.Path, "o.duckdb");
        var (code, stdout, stderr) = Cli(tmp.Path, "conformance", "--suite", "spec", "--testsuite", Path.Combine(tmp.Path, "suite"),
            "--engines", "wasmtime*", "--json", "--db", db);
        Assert.True(code == 0, stderr);
        var engines = JsonNode.Parse(stdout)!["engines"]!.AsArray();
        Assert.NotEmpty(engines);
        foreach (var e in engines)
        {
            var id = (string)e!["engine"]!;
            // The module that failed to link is a failure, with its line, directive and message.
            Assert.True((int)e["modules"]!["failed"]! == 2, id + ": " + e.ToJsonString()); // line 4 (unlinkable) and line 6 (unreadable: error)
            Assert.Equal(2, (int)e["failed"]!);
            Assert.Equal(0, (int)e["assertions"]!["failed"]!);
            var failures = e["failures"]!.AsArray();
            var link = failures.Single(f => (int)f!["line"]! == 4)!;
            Assert.Equal("module", (string)link["directive"]!);
            Assert.Equal("fail", (string)link["outcome"]!);
            Assert.Contains("nope", (string)link["message"]!);
            Assert.Equal("acct.wast", (string)link["file"]!);
            Assert.Equal(3, (int)e["byFeature"]!["core"]!["skipped"]!);
            Assert.True((double)e["wallSeconds"]! > 0);
        }
        var o = Outcomes(db, "wasmtime-%");
        Assert.Equal("fail", o[4]);
        Assert.Equal("error", o[6]);
        Assert.Equal(["unsupported", "unsupported", "unsupported"], new[] { o[7], o[8], o[9] });
        Assert.Equal(["pass", "pass", "pass", "pass"], new[] { o[5], o[10], o[11], o[12] });

        // The stored failures, read back: one line each, every engine or some.
        var (listCode, listed, listErr) = Cli(tmp.Path, "conformance", "--list-failures", "--db", db);
        Assert.True(listCode == 0, listErr);
        var lines = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 * engines.Count, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("wasmtime-", StringComparison.Ordinal) && l.Contains(" acct.wast:4 module ", StringComparison.Ordinal) && l.Contains("nope", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("wasmtime-", StringComparison.Ordinal) && l.Contains(" acct.wast:6 module error: text-to-binary conversion failed", StringComparison.Ordinal));
        var (_, none, noneErr) = Cli(tmp.Path, "conformance", "--list-failures", "--engines", "node*", "--db", db);
        Assert.Equal("", none);
        Assert.Contains("0 failures", noneErr);
    }

    private static SpecFile Write(TempDir tmp, string relative, string text)
    {
        var path = tmp.Write("suite/" + relative, text);
        return new SpecFile(path, relative, FeatureMap.For(relative), new FileInfo(path).Length);
    }

    private static Dictionary<int, AssertionResult> RunOn(string enginePrefix, SpecFile file, string scratch)
    {
        var engine = SpecEngineCatalog.Discover(ConformanceTestEnvironment.Engines).First(e => e.Id.StartsWith(enginePrefix, StringComparison.Ordinal));
        Assert.Null(engine.UnavailableReason);
        var results = new List<FileResult>();
        engine.Run([file], new SpecRunOptions { ScratchDirectory = scratch, Parallelism = 1 }, results.Add);
        return results.Single().Results.ToDictionary(r => r.Line);
    }

    /// <summary>The JavaScript driver's engines (through ExternalJudge) count and block the same way.</summary>
    [Fact]
    public void On_a_javascript_engine_too_only_the_dependents_of_an_unreadable_module_are_unsupported()
    {
        using var tmp = new TempDir();
        var byLine = RunOn("node-26", Write(tmp, "acct.wast", Accounting), Path.Combine(tmp.Path, "scratch"));
        Assert.Equal(AssertionOutcome.Fail, byLine[4].Outcome);
        Assert.False(byLine[4].IsAssertion);
        Assert.Equal(AssertionOutcome.Error, byLine[6].Outcome);
        Assert.All(new[] { 7, 8, 9 }, l => Assert.Equal(AssertionOutcome.Unsupported, byLine[l].Outcome));
        Assert.All(new[] { 5, 10, 11, 12 }, l => Assert.Equal(AssertionOutcome.Pass, byLine[l].Outcome));
    }

    [Fact]
    public void List_failures_names_the_database_it_cannot_read()
    {
        using var tmp = new TempDir();
        var db = Path.Combine(tmp.Path, "none.duckdb");
        var (code, _, stderr) = Cli(tmp.Path, "conformance", "--list-failures", "--db", db);
        Assert.NotEqual(0, code);
        Assert.Contains("--db", stderr);
        Assert.Contains("none.duckdb", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>The spectest module's 64-bit table and memory and its shared memory reach a JavaScript engine as they reach Wasmtime.</summary>
    [Fact]
    public void Every_engine_imports_the_same_spectest_module_with_table64_and_memory64()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/spectest64.wast", """
            (module (import "spectest" "table64" (table i64 10 funcref)) (import "spectest" "memory64" (memory i64 1))
              (import "spectest" "global_i64" (global i64))
              (func (export "z") (result i32) (i32.const 3)))
            (assert_return (invoke "z") (i32.const 3))
            (module (import "spectest" "shared_memory" (memory 1 2 shared)) (func (export "y") (result i32) (i32.const 4)))
            (assert_return (invoke "y") (i32.const 4))

            """);
        var file = new SpecFile(Path.Combine(tmp.Path, "suite", "spectest64.wast"), "spectest64.wast", "core", 1);
        foreach (var engine in new[] { "wasmtime-", "node-26", "wasmc-wasmtime-" })
        {
            var byLine = RunOn(engine, file, Path.Combine(tmp.Path, "scratch-" + engine.TrimEnd('-')));
            // wasm.h's default configuration refuses shared memory: that export alone is left out of its spectest
            // module, and the module importing it is unsupported with the reason (not a link failure).
            var refused = engine.StartsWith("wasmc", StringComparison.Ordinal);
            Assert.All(byLine.Values, r => Assert.True(r.Outcome == (refused && r.Line >= 5 ? AssertionOutcome.Unsupported : AssertionOutcome.Pass),
                $"{engine} line {r.Line}: {r.Outcome.ToWire()} {r.Message}"));
        }
    }

    /// <summary>spectest-interp stops a whole file at a registration of a module it could not read: only what needs that module is lost.</summary>
    [Fact]
    public void Wabt_keeps_running_a_file_past_a_module_it_cannot_read()
    {
        using var tmp = new TempDir();
        var path = tmp.Write("suite/refs.wast", """
            (module $A (func (export "f") (result i32) (i32.const 42)))
            (module $R (type $t (func)) (func $f) (elem declare func $f) (global (export "g") (ref $t) (ref.func $f)))
            (register "R" $R)
            (module $I (global (import "R" "g") (ref func)) (func (export "h") (result i32) (i32.const 1)))
            (assert_return (invoke $I "h") (i32.const 1))
            (assert_return (invoke $A "f") (i32.const 42))
            (module (func (export "k") (result i32) (i32.const 5)))
            (assert_return (invoke "k") (i32.const 5))
            (assert_return (invoke "k") (i32.const 6))

            """);
        var engine = new SpectestInterpEngine();
        Assert.Null(engine.UnavailableReason);
        var results = new List<FileResult>();
        engine.Run([new SpecFile(path, "refs.wast", "core", new FileInfo(path).Length)],
            new SpecRunOptions { ScratchDirectory = Path.Combine(tmp.Path, "scratch"), Parallelism = 1 }, results.Add);
        var byLine = results.Single().Results.ToDictionary(r => r.Line);
        // wabt 1.0.32 cannot read a non-null typed reference global: that module and what needs it are unsupported.
        Assert.Equal(AssertionOutcome.Unsupported, byLine[2].Outcome);
        Assert.Equal(AssertionOutcome.Unsupported, byLine[3].Outcome);
        Assert.Equal(AssertionOutcome.Unsupported, byLine[4].Outcome);
        Assert.Equal(AssertionOutcome.Unsupported, byLine[5].Outcome);
        // The rest of the file ran, and its verdicts are wabt's own.
        Assert.Equal(AssertionOutcome.Pass, byLine[6].Outcome);
        Assert.Equal(AssertionOutcome.Pass, byLine[7].Outcome);
        Assert.Equal(AssertionOutcome.Pass, byLine[8].Outcome);
        Assert.Equal(AssertionOutcome.Fail, byLine[9].Outcome);
    }

    /// <summary>The WASI suite times each engine on its own: the engines' wall times add up to no more than the run.</summary>
    [Fact]
    public void Each_engine_gets_its_own_wall_time()
    {
        using var tmp = new TempDir();
        var src = Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "conformance", "wasi");
        var dst = Path.Combine(tmp.Path, "conformance", "wasi");
        Directory.CreateDirectory(dst);
        foreach (var f in new[] { "wasi_test.h", "args_basic.c", "args_basic.json", "proc_exit_code.c", "proc_exit_code.json" })
            File.Copy(Path.Combine(src, f), Path.Combine(dst, f));
        var db = Path.Combine(tmp.Path, "o.duckdb");
        var (code, stdout, stderr) = Cli(tmp.Path, "conformance", "--suite", "wasi", "--engines", "wasmtime*,wasmc*", "--json", "--db", db);
        Assert.True(code == 0, stderr + stdout);
        var walls = JsonNode.Parse(stdout)!["engines"]!.AsArray().Select(e => (double)e!["wallSeconds"]!).ToList();
        Assert.True(walls.Count >= 2, stdout);
        using var store = ObservatoryStore.Open(db, readOnly: true);
        var run = store.Query("SELECT epoch(finished_utc) - epoch(started_utc) AS seconds FROM conformance_runs").Single();
        var total = Convert.ToDouble(run["seconds"]);
        Assert.All(walls, w => Assert.True(w > 0));
        // Before, every engine was given the whole run's time: two engines summed to twice the run.
        Assert.True(walls.Sum() <= total + 0.01, $"engines {string.Join(" + ", walls)} > run {total}");
    }
}
