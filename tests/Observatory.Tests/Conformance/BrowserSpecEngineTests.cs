using Xunit;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Tests.Collectors;

namespace Observatory.Tests.Conformance;

/// <summary>
/// The spec suite in headless Chromium and Firefox: spec-core.mjs in a worker of the page, judged
/// like the JS runtimes' results; a command that never returns is ended by the page as a timeout
/// and the rest of the file still runs.
/// </summary>
public class BrowserSpecEngineTests
{
    public static TheoryData<string> Browsers => ["chromium", "firefox"];

    private static ISpecSuiteEngine Engine(string family)
    {
        var e = SpecEngineCatalog.Discover(ConformanceTestEnvironment.Engines).First(e => e.Id.StartsWith(family + "-", StringComparison.Ordinal));
        Assert.True(e.UnavailableReason is null, e.UnavailableReason);
        return e;
    }

    private static SpecFile File(string root, string rel) => new(Path.Combine(root, rel), rel, FeatureMap.For(rel), new FileInfo(Path.Combine(root, rel)).Length);

    private static List<FileResult> Run(ISpecSuiteEngine engine, IReadOnlyList<SpecFile> files, string scratch, TimeSpan timeout)
    {
        var results = new List<FileResult>();
        engine.Run(files, new SpecRunOptions { ScratchDirectory = scratch, Parallelism = 1, FileTimeout = timeout }, results.Add);
        return results;
    }

    private static Dictionary<AssertionOutcome, int> Counts(FileResult r) =>
        r.Results.Where(x => x.IsAssertion).GroupBy(x => x.Outcome).ToDictionary(g => g.Key, g => g.Count());

    [Theory]
    [MemberData(nameof(Browsers))]
    public void A_suite_file_runs_in_the_page_with_the_counts_of_a_JavaScript_runtime(string family)
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        var engine = Engine(family);
        Assert.Matches($@"^{family}-\d+\.[0-9a-z.]+$", engine.Id);
        var results = Run(engine, [File(root, "i32.wast"), File(root, "call.wast")], tmp.Path, TimeSpan.FromSeconds(120)).ToDictionary(r => r.File.RelativePath);
        // As on Deno: 457 run and pass; the 2 left are assert_malformed text checks the converter answers.
        Assert.Equal(new Dictionary<AssertionOutcome, int> { [AssertionOutcome.Pass] = 457, [AssertionOutcome.NotApplicable] = 2 }, Counts(results["i32.wast"]));
        Assert.Contains(results["i32.wast"].Results, x => x.Directive == "assert_return" && x.Actual == "i32:0x00000002");
        Assert.Equal(90, Counts(results["call.wast"])[AssertionOutcome.Pass]);
        Assert.Empty(BrowserEngineTests.ProcessesMentioning(tmp.Path));
    }

    [Theory]
    [MemberData(nameof(Browsers))]
    public void A_command_that_never_returns_is_a_timeout_and_the_file_goes_on(string family)
    {
        using var tmp = new TempDir();
        var wast = tmp.Write("spin.wast", """
            (module
              (func (export "spin") (loop (br 0)))
              (func (export "one") (result i32) (i32.const 1)))
            (assert_return (invoke "one") (i32.const 1))
            (assert_return (invoke "spin"))
            (assert_return (invoke "one") (i32.const 1))
            """);
        var r = Run(Engine(family), [new SpecFile(wast, "spin.wast", FeatureMap.For("spin.wast"), new FileInfo(wast).Length)],
            Path.Combine(tmp.Path, "scratch"), TimeSpan.FromSeconds(10)).Single();
        var asserts = r.Results.Where(x => x.Directive == "assert_return").ToList();
        Assert.Equal([AssertionOutcome.Pass, AssertionOutcome.Timeout, AssertionOutcome.Pass], asserts.Select(x => x.Outcome));
        Assert.Contains("no result within 10 s", asserts[1].Message);
    }
}
