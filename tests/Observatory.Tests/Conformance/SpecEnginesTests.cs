using Xunit;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Tests.Conformance;

/// <summary>
/// The spec runners on real engines: a handful of real suite files end to end on Wasmtime
/// (worker processes), and the failure paths: a hanging assertion and a module that
/// crashes its engine cost that assertion only.
/// </summary>
public class SpecEnginesTests
{
    private static SpecFile File(string root, string rel) => new(Path.Combine(root, rel), rel, FeatureMap.For(rel), new FileInfo(Path.Combine(root, rel)).Length);

    private static List<FileResult> Run(ISpecSuiteEngine engine, IReadOnlyList<SpecFile> files, string scratch, TimeSpan? timeout = null)
    {
        Assert.Null(engine.UnavailableReason);
        var results = new List<FileResult>();
        engine.Run(files, new SpecRunOptions { ScratchDirectory = scratch, Parallelism = 2, FileTimeout = timeout ?? TimeSpan.FromSeconds(60) }, results.Add);
        return results;
    }

    // The in-process Wasmtime: the C host on aarch64 (wasmtime-50.0.1-aarch64/cranelift) is a spec engine of another ISA.
    private static ISpecSuiteEngine Wasmtime() => SpecEngineCatalog.Discover(ConformanceTestEnvironment.Engines)
        .Single(e => e.Id.StartsWith("wasmtime-", StringComparison.Ordinal) && e.Isa == Observatory.Core.Engines.InstructionSet.Host);

    [Fact]
    public void Wasmtime_passes_real_suite_files_end_to_end()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        string[] names = ["i32.wast", "f32_bitwise.wast", "names.wast", "simd_lane.wast", "linking.wast", "struct.wast", "try_table.wast", "memory64.wast"];
        var results = Run(Wasmtime(), names.Select(n => File(root, n)).ToList(), tmp.Path);
        Assert.Equal(names.Length, results.Count);
        var assertions = results.SelectMany(r => r.Results).Where(r => r.IsAssertion).ToList();
        Assert.True(assertions.Count > 2000, $"only {assertions.Count} assertions");
        var failures = results.SelectMany(r => r.Results.Where(x => x.Outcome != AssertionOutcome.Pass).Select(x => $"{r.File.RelativePath}:{x.Line} {x.Directive} {x.Outcome.ToWire()} {x.Message}")).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        // Expected and actual are recorded as bit patterns.
        var sample = assertions.First(a => a.Directive == "assert_return" && a.Expected?.StartsWith("i32:", StringComparison.Ordinal) == true);
        Assert.Matches("^i32:0x[0-9a-f]{8}$", sample.Actual!);
    }

    [Fact]
    public void Spectest_interp_runs_the_json_it_is_given()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        var engine = new SpectestInterpEngine();
        Assert.Null(engine.UnavailableReason);
        var r = Run(engine, [File(root, "i32.wast")], tmp.Path).Single();
        var asserts = r.Results.Where(x => x.IsAssertion).ToList();
        Assert.True(asserts.Count(x => x.Outcome == AssertionOutcome.Pass) > 400);
        // The text-format checks of i32.wast are not the engine's business.
        Assert.All(asserts.Where(x => x.Outcome != AssertionOutcome.Pass), x => Assert.Equal(AssertionOutcome.NotApplicable, x.Outcome));
    }

    private const string Runaway = """
        (module
          (func $r (export "runaway") (param i64) (result i64)
            (i64.add (call $r (i64.add (local.get 0) (i64.const 1))) (i64.const 1)))
          (func (export "spin") (loop $l (br $l)))
          (func (export "one") (result i32) (i32.const 1)))
        (assert_return (invoke "one") (i32.const 1))
        (assert_exhaustion (invoke "runaway" (i64.const 0)) "call stack exhausted")
        (invoke "spin")
        (assert_return (invoke "one") (i32.const 1))
        """;

    [Fact]
    public void A_hanging_assertion_times_out_alone_and_the_file_goes_on()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/hang.wast", Runaway);
        var file = File(Path.Combine(tmp.Path, "suite"), "hang.wast");
        var r = Run(Wasmtime(), [file], Path.Combine(tmp.Path, "scratch"), TimeSpan.FromSeconds(3)).Single();
        var byLine = r.Results.ToDictionary(x => x.Line);
        Assert.Equal(AssertionOutcome.Pass, byLine[6].Outcome);
        Assert.Equal(AssertionOutcome.Pass, byLine[7].Outcome);       // Wasmtime catches the overflow itself
        Assert.Equal(AssertionOutcome.Timeout, byLine[8].Outcome);    // worker killed, file re-run without it
        Assert.Contains("worker killed", byLine[8].Message);
        Assert.Equal(AssertionOutcome.Pass, byLine[9].Outcome);
    }

    [Fact]
    public void A_module_that_crashes_its_engine_costs_one_assertion()
    {
        // V8 told it has a 50 MB stack (the OS gives it 8 MB) segfaults on runaway recursion
        // instead of throwing RangeError: a real engine crash, in a real node process.
        using var tmp = new TempDir();
        tmp.Write("suite/crash.wast", Runaway.Replace("(invoke \"spin\")\n", ""));
        var file = File(Path.Combine(tmp.Path, "suite"), "crash.wast");
        var engine = new JsSpecEngine(ConformanceTestEnvironment.Engines, new Observatory.Collectors.Engines.JavaScript.JsRuntime("node", "/usr/bin/node", "system"), ["--stack-size=50000"]);
        var r = Run(engine, [file], Path.Combine(tmp.Path, "scratch")).Single();
        var byLine = r.Results.ToDictionary(x => x.Line);
        Assert.Equal(AssertionOutcome.Pass, byLine[6].Outcome);
        Assert.Equal(AssertionOutcome.Crash, byLine[7].Outcome);
        Assert.Contains("node died", byLine[7].Message);
        Assert.Equal(AssertionOutcome.Pass, byLine[8].Outcome);
    }

    [Fact]
    public void A_malformed_file_is_reported_with_file_and_line_and_the_others_still_run()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/good.wast", "(module (func (export \"f\") (result i32) (i32.const 2)))\n(assert_return (invoke \"f\") (i32.const 2))\n");
        tmp.Write("suite/bad.wast", "(module)\n(assert_return (invoke \"f\") (i32.const 2)\n");
        var root = Path.Combine(tmp.Path, "suite");
        var results = Run(Wasmtime(), [File(root, "good.wast"), File(root, "bad.wast")], Path.Combine(tmp.Path, "scratch"));
        var bad = results.Single(r => r.File.RelativePath == "bad.wast");
        Assert.StartsWith("bad.wast:2:1: unclosed '('", bad.FileError);
        Assert.Equal(AssertionOutcome.Error, bad.Results.Single().Outcome);
        Assert.Equal(AssertionOutcome.Pass, results.Single(r => r.File.RelativePath == "good.wast").Results.Last().Outcome);
    }
}
