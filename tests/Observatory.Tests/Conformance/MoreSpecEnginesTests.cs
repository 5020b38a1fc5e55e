using Xunit;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines.JavaScript;

namespace Observatory.Tests.Conformance;

/// <summary>
/// The spec engines beyond Wasmtime's own host, on real suite files: the wasm.h host over the
/// Wasmtime package's libwasmtime.so, a JavaScript runtime other than Node 20 through the JS
/// driver, and legacy exception handling (pass where the engine implements it, unsupported
/// with the reason where it does not; never error).
/// </summary>
public class MoreSpecEnginesTests
{
    private static SpecFile File(string root, string rel) => new(Path.Combine(root, rel), rel, FeatureMap.For(rel), new FileInfo(Path.Combine(root, rel)).Length);

    private static List<FileResult> Run(ISpecSuiteEngine engine, IReadOnlyList<SpecFile> files, string scratch)
    {
        Assert.Null(engine.UnavailableReason);
        var results = new List<FileResult>();
        engine.Run(files, new SpecRunOptions { ScratchDirectory = scratch, Parallelism = 2, FileTimeout = TimeSpan.FromSeconds(120) }, results.Add);
        return results;
    }

    private static ISpecSuiteEngine Engine(string idPrefix) =>
        SpecEngineCatalog.Discover(ConformanceTestEnvironment.Engines).First(e => e.Id.StartsWith(idPrefix, StringComparison.Ordinal));

    private static Dictionary<AssertionOutcome, int> Counts(FileResult r) =>
        r.Results.Where(x => x.IsAssertion).GroupBy(x => x.Outcome).ToDictionary(g => g.Key, g => g.Count());

    private static string Problems(IEnumerable<FileResult> results) => string.Join("\n", results.SelectMany(r =>
        r.Results.Where(x => x.Outcome is not (AssertionOutcome.Pass or AssertionOutcome.NotApplicable or AssertionOutcome.Unsupported))
            .Select(x => $"{r.File.RelativePath}:{x.Line} {x.Directive} {x.Outcome.ToWire()} {x.Message}")).Take(20));

    [Fact]
    public void The_wasm_h_host_passes_real_suite_files_under_the_benchmark_engine_id()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        var engine = Engine("wasmc-wasmtime-");
        Assert.Matches(@"^wasmc-wasmtime-\d+\.\d+\.\d+$", engine.Id);
        string[] names = ["i32.wast", "f64.wast", "linking.wast", "call.wast", "simd_lane.wast", "table_fill.wast"];
        var results = Run(engine, names.Select(n => File(root, n)).ToList(), tmp.Path).ToDictionary(r => r.File.RelativePath);
        Assert.True(Problems(results.Values).Length == 0, Problems(results.Values));
        // Every assertion of the scalar files passes: the same counts as Wasmtime's own host.
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 459 }, Counts(results["i32.wast"]));
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 2513 }, Counts(results["f64.wast"]));
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 133 }, Counts(results["linking.wast"]));
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 90 }, Counts(results["call.wast"]));
        // v128 has no wasm.h value kind: those assertions run through wrapper modules, so all pass.
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 463 }, Counts(results["simd_lane.wast"]));
        Assert.Contains(results["simd_lane.wast"].Results, x => x.Message == "compared inside a wrapper module");
        // libwasmtime's wasm.h aborts on externref values: found by the probe, so no worker crashes; null
        // externrefs go through wrappers, host references (ref.extern 1) cannot and stay not-applicable.
        var table = Counts(results["table_fill.wast"]);
        Assert.Equal(25, table[AssertionOutcome.Pass]);
        Assert.Equal(19, table[AssertionOutcome.NotApplicable]);
    }

    [Fact]
    public void A_JavaScript_runtime_other_than_node_20_runs_a_suite_file_through_the_driver()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        var deno = Path.Combine(ConformanceTestEnvironment.Engines.NodeModules, "@deno/linux-x64-glibc/deno");
        Assert.True(System.IO.File.Exists(deno), $"{deno} missing: {JsProvider.InstallHint}");
        var engine = new JsSpecEngine(ConformanceTestEnvironment.Engines, new JsRuntime("deno", deno, "npm"));
        Assert.StartsWith("deno-", engine.Id);
        var r = Run(engine, [File(root, "i32.wast")], tmp.Path).Single();
        Assert.True(Problems([r]).Length == 0, Problems([r]));
        // 457 run; the 2 left are assert_malformed text checks the converter answers, not the engine.
        var counts = Counts(r);
        Assert.Equal(457, counts[AssertionOutcome.Pass]);
        Assert.Equal(2, counts[AssertionOutcome.NotApplicable]);
        Assert.Contains(r.Results, x => x.Directive == "assert_return" && x.Actual == "i32:0x00000002");
    }

    [Fact]
    public void Legacy_exception_handling_passes_where_implemented_and_is_unsupported_elsewhere()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        var file = File(root, "legacy/throw.wast");

        // V8 (Node 20's 11.3 included) ships legacy exceptions: every assertion runs and passes.
        var node = Run(Engine("node-20."), [file], Path.Combine(tmp.Path, "node")).Single();
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 10 }, Counts(node));

        // Wasmtime 50 implements only exnref exceptions: the module and what needs it are unsupported, with why.
        var wasmtime = Run(Engine("wasmtime-"), [file], Path.Combine(tmp.Path, "wasmtime")).Single();
        Assert.DoesNotContain(wasmtime.Results, x => x.Outcome is AssertionOutcome.Error or AssertionOutcome.Fail);
        var module = wasmtime.Results.First(x => x.Directive == "module");
        Assert.Equal(AssertionOutcome.Unsupported, module.Outcome);
        Assert.Contains("legacy exception handling", module.Message);
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 3, [AssertionOutcome.Unsupported] = 7 }, Counts(wasmtime));
    }

    [Fact]
    public void Legacy_exception_text_is_recognised_by_its_instructions_only()
    {
        Assert.True(LegacyExceptionText.Uses("(module (func (try (do) (catch_all))))"));
        Assert.True(LegacyExceptionText.Uses("(module (func (try (do) (catch 0 (rethrow 0)))))"));
        Assert.True(LegacyExceptionText.Uses("(module (func try nop delegate 0))"));
        Assert.False(LegacyExceptionText.Uses("(module (func (block (try_table (catch_all 0)))))"));
        Assert.False(LegacyExceptionText.Uses("(module (func (export \"try\")))"));
    }
}
