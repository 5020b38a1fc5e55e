using Xunit;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wrapping;

namespace Observatory.Tests.Conformance;

/// <summary>
/// Wrapper modules on real engines: on Wasmtime (which carries every value) the wrapped run
/// must give the direct run's verdicts, assertion for assertion, on the rules script and on
/// real suite files; on Node (V8) and the wasm.h engine the v128 and NaN assertions run
/// instead of being not-applicable, with the verdicts the spec's rules give.
/// </summary>
public class WrappedEnginesTests
{
    private static SpecFile File(string root, string rel) => new(Path.Combine(root, rel), rel, FeatureMap.For(rel), new FileInfo(Path.Combine(root, rel)).Length);

    private static SpecRunOptions Options(string scratch) => new() { ScratchDirectory = scratch, Parallelism = 2, FileTimeout = TimeSpan.FromSeconds(300) };

    private static ISpecSuiteEngine Engine(string prefix) =>
        SpecEngineCatalog.Discover(ConformanceTestEnvironment.Engines).First(e => e.Id.StartsWith(prefix, StringComparison.Ordinal));

    private static Dictionary<string, FileResult> Run(ISpecSuiteEngine engine, IReadOnlyList<SpecFile> files, string scratch, ValueCarriage? wrapAs = null)
    {
        Assert.Null(engine.UnavailableReason);
        var results = new Dictionary<string, FileResult>();
        var options = Options(scratch);
        if (wrapAs is { } carriage) WrappedFiles.Run(carriage, files, options, r => results.Add(r.File.RelativePath, r), (fs, cb) => engine.Run(fs, options, cb));
        else engine.Run(files, options, r => results.Add(r.File.RelativePath, r));
        return results;
    }

    private static void AssertRulesOutcomes(FileResult r, string engine)
    {
        var asserts = r.Results.Where(x => x.IsAssertion).ToList();
        Assert.Equal(WrapperRulesScript.Outcomes.Length, asserts.Count);
        var wrong = asserts.Select((a, i) => (a, want: WrapperRulesScript.Outcome(WrapperRulesScript.Outcomes[i])))
            .Where(x => x.a.Outcome != x.want)
            .Select(x => $"{engine} line {x.a.Line}: {x.a.Outcome.ToWire()} (want {x.want.ToWire()}) {x.a.Expected} / {x.a.Actual} / {x.a.Message}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.All(r.Results.Where(x => !x.IsAssertion), x => Assert.Equal(AssertionOutcome.Pass, x.Outcome));
    }

    [Fact]
    public void On_wasmtime_the_wrappers_give_the_direct_verdicts_on_the_rules_script()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/rules.wast", WrapperRulesScript.Text);
        var files = new[] { File(Path.Combine(tmp.Path, "suite"), "rules.wast") };
        var wasmtime = Engine("wasmtime-");
        AssertRulesOutcomes(Run(wasmtime, files, Path.Combine(tmp.Path, "direct"))["rules.wast"], "wasmtime direct");
        AssertRulesOutcomes(Run(wasmtime, files, Path.Combine(tmp.Path, "wrapped"), ValueCarriage.None)["rules.wast"], "wasmtime wrapped");
    }

    [Fact]
    public void On_wasmtime_the_wrappers_give_the_direct_verdicts_on_real_suite_files()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        string[] names = ["simd_lane.wast", "simd_splat.wast", "simd_f64x2_rounding.wast", "simd_load.wast", "simd_i8x16_arith.wast", "float_exprs.wast", "ref_null.wast", "ref_is_null.wast"];
        var files = names.Select(n => File(root, n)).ToList();
        var wasmtime = Engine("wasmtime-");
        var direct = Run(wasmtime, files, Path.Combine(tmp.Path, "direct"));
        var wrapped = Run(wasmtime, files, Path.Combine(tmp.Path, "wrapped"), ValueCarriage.None);
        var compared = 0;
        foreach (var n in names)
        {
            var script = ScriptWrapper.Rewrite(Observatory.Collectors.Conformance.Wast.WastParser.ParseFile(Path.Combine(root, n), n), ValueCarriage.None);
            Assert.True(script is { WrappedCount: > 0 }, $"{n}: nothing wrapped");
            var d = direct[n].Results;
            var w = wrapped[n].Results;
            Assert.Equal(d.Select(x => (x.Index, x.Line, x.Directive)), w.Select(x => (x.Index, x.Line, x.Directive)));
            var differ = d.Zip(w).Where(p => p.First.Outcome != p.Second.Outcome)
                .Select(p => $"{n}:{p.First.Line} {p.First.Directive}: direct {p.First.Outcome.ToWire()}, wrapped {p.Second.Outcome.ToWire()} ({p.Second.Message})").ToList();
            Assert.True(differ.Count == 0, string.Join("\n", differ.Take(20)));
            compared += script!.Placements.Count(p => p.IsWrapped);
        }
        Assert.True(compared > 800, $"only {compared} wrapped assertions compared");
    }

    [Fact]
    public void On_node_v128_and_nan_assertions_run_through_wrappers()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/rules.wast", WrapperRulesScript.Text);
        var root = ConformanceTestEnvironment.SpecSuite;
        // Node 26 (V8 14.6): the newest pinned Node, which has exnref.
        var node = Engine("node-26");
        var results = Run(node, [File(Path.Combine(tmp.Path, "suite"), "rules.wast"), File(root, "simd_splat.wast")], Path.Combine(tmp.Path, "scratch"));
        AssertRulesOutcomes(results["rules.wast"], "node");
        AssertAllRun(results["simd_splat.wast"], "node");
    }

    [Fact]
    public void On_the_wasm_h_engine_v128_assertions_run_through_wrappers()
    {
        using var tmp = new TempDir();
        tmp.Write("suite/rules.wast", WrapperRulesScript.Text);
        var root = ConformanceTestEnvironment.SpecSuite;
        var results = Run(Engine("wasmc-wasmtime"), [File(Path.Combine(tmp.Path, "suite"), "rules.wast"), File(root, "simd_splat.wast")], Path.Combine(tmp.Path, "scratch"));
        AssertRulesOutcomes(results["rules.wast"], "wasm.h");
        AssertAllRun(results["simd_splat.wast"], "wasm.h");
    }

    /// <summary>
    /// A real SIMD file: every assertion ran and nearly all passed. Not-applicable is left only to
    /// assert_malformed text that the shared text-to-binary converter refuses (it never reaches an engine).
    /// </summary>
    private static void AssertAllRun(FileResult r, string engine)
    {
        var asserts = r.Results.Where(x => x.IsAssertion).ToList();
        Assert.True(asserts.Count > 100, $"{engine}: only {asserts.Count} assertions");
        Assert.DoesNotContain(asserts, a => a.Outcome == AssertionOutcome.NotApplicable && !(a.Directive == "assert_malformed" && a.Message!.Contains("text-to-binary converter", StringComparison.Ordinal)));
        Assert.True(asserts.Count(a => a.Message == "compared inside a wrapper module") > 100, $"{engine}: few assertions compared inside wrappers");
        var passed = asserts.Count(a => a.Outcome == AssertionOutcome.Pass);
        Assert.True(passed >= asserts.Count * 0.95, $"{engine}: {passed}/{asserts.Count} passed; first others: "
            + string.Join("; ", asserts.Where(a => a.Outcome != AssertionOutcome.Pass).Take(5).Select(a => $"{a.Line} {a.Outcome.ToWire()} {a.Message}")));
    }
}
