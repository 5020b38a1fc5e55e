using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines.SpiderMonkey;
using Observatory.Tests.Measurement;

namespace Observatory.Tests.Conformance;

/// <summary>
/// SpiderMonkey through gjs on the conformance suites: WASI programs through the JS shim on
/// GLib/Gio (via the CLI, as a user runs them), and spec files through gjs-spec-driver.mjs.
/// </summary>
public class GjsConformanceTests
{
    private static SpecFile File(string root, string rel) => new(Path.Combine(root, rel), rel, FeatureMap.For(rel), new FileInfo(Path.Combine(root, rel)).Length);

    [Fact]
    public void Wasi_programs_pass_on_gjs_through_the_js_shim()
    {
        using var tmp = new TempDir();
        var src = Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "conformance", "wasi");
        var dst = Path.Combine(tmp.Path, "conformance", "wasi");
        Directory.CreateDirectory(Path.Combine(dst, "fs", "sub"));
        string[] programs = ["args_basic", "proc_exit_code", "readdir_list", "file_create_write_read", "rename_file", "path_escape_dotdot", "clock_monotonic"];
        foreach (var f in programs.SelectMany(p => new[] { p + ".c", p + ".json" }).Concat(["wasi_test.h", "fs/hello.txt", "fs/sub/a.txt", "fs/sub/b.txt", "fs/sub/c.txt"]))
            System.IO.File.Copy(Path.Combine(src, f), Path.Combine(dst, f));
        var r = MeasurementFixture.Cli(tmp.Path, "conformance", "--suite", "wasi", "--engines", "gjs*", "--json", "--db", Path.Combine(tmp.Path, "o.duckdb"));
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var engine = JsonNode.Parse(r.Out)!["engines"]![0]!;
        Assert.StartsWith("gjs-", (string)engine["engine"]!);
        Assert.Equal(programs.Length, (int)engine["total"]!);
        Assert.True((int)engine["passed"]! == programs.Length, r.Error + r.Out);
    }

    [Fact]
    public void A_spec_file_runs_on_spidermonkey_and_typed_references_it_lacks_are_unsupported_not_failed()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDir();
        var engine = JsSpecEngine.DiscoverGjs(ConformanceTestEnvironment.Engines);
        Assert.True(engine.UnavailableReason is null, $"{engine.UnavailableReason} ({GjsRuntime.InstallHint})");
        Assert.Matches(@"^gjs-\d+\.\d+\.\d+$", engine.Id);
        var results = new List<FileResult>();
        engine.Run([File(root, "i32.wast"), File(root, "linking.wast")],
                   new SpecRunOptions { ScratchDirectory = tmp.Path, Parallelism = 2, FileTimeout = TimeSpan.FromSeconds(120) }, results.Add);
        var byFile = results.ToDictionary(r => r.File.RelativePath);
        var i32 = byFile["i32.wast"].Results.Where(x => x.IsAssertion).GroupBy(x => x.Outcome).ToDictionary(g => g.Key, g => g.Count());
        // As on V8: 457 run and pass; the 2 left are text-format checks the converter answers.
        Assert.Equal(457, i32[AssertionOutcome.Pass]);
        Assert.Equal(2, i32[AssertionOutcome.NotApplicable]);
        Assert.Contains(byFile["i32.wast"].Results, x => x.Directive == "assert_return" && x.Actual == "i32:0x00000002");
        // SpiderMonkey 102 predates typed function references: those modules are unsupported, never a failure.
        var linking = byFile["linking.wast"].Results;
        Assert.DoesNotContain(linking, x => x.Outcome is AssertionOutcome.Fail or AssertionOutcome.Error or AssertionOutcome.Crash);
        Assert.Contains(linking, x => x.Outcome == AssertionOutcome.Unsupported);
        Assert.True(linking.Count(x => x.Outcome == AssertionOutcome.Pass) > 100);
    }
}
