using Xunit;
using Observatory.Collectors.Conformance.Engines.WasmtimeC;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Reports.Store;
using Observatory.Tests.Conformance;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Isa;

/// <summary>
/// Wasmtime's C host as a spec-suite engine (<c>host --spec</c>): natively over the x86_64 library, real suite
/// files pass as on the in-process Wasmtime, with every value (NaN payloads, v128, externref host ids) crossing
/// bit for bit and one host process per worker for all its files; a hung call costs its assertion only. On
/// aarch64 under qemu-user (the registered engine), a few suite files give the in-process x86_64 Wasmtime's
/// outcome on every directive, stored with their ISA.
/// </summary>
public class WasmtimeCSpecTests
{
    private const string Aarch64Id = "wasmtime-50.0.1-aarch64/cranelift";

    private static SpecFile File(string root, string rel) => new(Path.Combine(root, rel), rel, FeatureMap.For(rel), new FileInfo(Path.Combine(root, rel)).Length);

    private static WasmtimeCSpecEngine Native()
    {
        var engine = new WasmtimeCSpecEngine(new EngineEnvironment { RepositoryRoot = Repo.Root }, InstructionSet.Host);
        Assert.Equal("wasmtime-capi-50.0.1/cranelift", engine.Id);
        Assert.Null(engine.UnavailableReason);
        return engine;
    }

    private static List<FileResult> Run(WasmtimeCSpecEngine engine, IReadOnlyList<SpecFile> files, string scratch, TimeSpan timeout, int parallelism = 2)
    {
        var results = new List<FileResult>();
        engine.Run(files, new SpecRunOptions { ScratchDirectory = scratch, Parallelism = parallelism, FileTimeout = timeout }, results.Add);
        return results;
    }

    private static string Failures(IEnumerable<FileResult> results) => string.Join("\n", results.SelectMany(r =>
        r.Results.Where(x => x.Outcome != AssertionOutcome.Pass).Select(x => $"{r.File.RelativePath}:{x.Line} {x.Directive} {x.Outcome.ToWire()} {x.Message}")).Take(20));

    [Fact]
    public void Real_suite_files_pass_natively_with_one_host_process_per_worker()
    {
        var root = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDirectory();
        // The in-process Wasmtime passes every directive of these (SpecEnginesTests): integers, NaN bits, odd
        // export names, v128 lanes, registered modules, GC structs, exceptions, 64-bit memories.
        string[] names = ["i32.wast", "f32_bitwise.wast", "names.wast", "simd_lane.wast", "linking.wast", "struct.wast", "try_table.wast", "memory64.wast"];
        var engine = Native();
        var results = Run(engine, names.Select(n => File(root, n)).ToList(), tmp.Path, TimeSpan.FromSeconds(120));
        Assert.Equal(names.Length, results.Count);
        Assert.True(results.SelectMany(r => r.Results).Count(r => r.IsAssertion) > 2000);
        var failures = Failures(results);
        Assert.True(failures.Length == 0, failures);
        Assert.Equal(2, engine.ProcessesStarted);
    }

    [Fact]
    public void A_host_grown_past_its_bound_is_replaced_between_files()
    {
        using var tmp = new TempDirectory();
        var files = Enumerable.Range(0, 3).Select(i =>
        {
            var path = tmp.Write($"m{i}.wast", $"(module (memory 1) (func (export \"f\") (result i32) (i32.const {i})))\n(assert_return (invoke \"f\") (i32.const {i}))\n");
            return new SpecFile(path, $"m{i}.wast", "core", new FileInfo(path).Length);
        }).ToList();
        var shared = Native();
        Assert.All(Run(shared, files, tmp.Combine("s1"), TimeSpan.FromSeconds(60), parallelism: 1).SelectMany(r => r.Results), r => Assert.Equal(AssertionOutcome.Pass, r.Outcome));
        Assert.Equal(1, shared.ProcessesStarted);
        // Every host is bigger than 1 KiB: each file gets a fresh one, and the results do not change.
        var bounded = new WasmtimeCSpecEngine(new EngineEnvironment { RepositoryRoot = Repo.Root }, InstructionSet.Host) { MaxResidentKb = 1 };
        Assert.All(Run(bounded, files, tmp.Combine("s2"), TimeSpan.FromSeconds(60), parallelism: 1).SelectMany(r => r.Results), r => Assert.Equal(AssertionOutcome.Pass, r.Outcome));
        Assert.Equal(3, bounded.ProcessesStarted);
    }

    [Fact]
    public void Values_cross_bit_for_bit_and_a_wrong_one_fails()
    {
        using var tmp = new TempDirectory();
        var path = tmp.Write("values.wast", """
            (module
              (func (export "f32") (param f32) (result f32) (local.get 0))
              (func (export "f64") (param f64) (result f64) (local.get 0))
              (func (export "v128") (param v128) (result v128) (local.get 0))
              (func (export "extern") (param externref) (result externref) (local.get 0))
              (global (export "g") i64 (i64.const -2)))
            (assert_return (invoke "f32" (f32.const -nan:0x200001)) (f32.const -nan:0x200001))
            (assert_return (invoke "f64" (f64.const nan:0x8000000000001)) (f64.const nan:arithmetic))
            (assert_return (invoke "v128" (v128.const i32x4 1 2 3 0x80000000)) (v128.const i32x4 1 2 3 0x80000000))
            (assert_return (invoke "extern" (ref.extern 7)) (ref.extern 7))
            (assert_return (invoke "extern" (ref.null extern)) (ref.null extern))
            (assert_return (get "g") (i64.const -2))
            (assert_return (invoke "f32" (f32.const -nan:0x200001)) (f32.const -nan:0x200002))
            (assert_return (invoke "extern" (ref.extern 7)) (ref.extern 8))
            """);
        var r = Run(Native(), [new SpecFile(path, "values.wast", "core", new FileInfo(path).Length)], tmp.Combine("scratch"), TimeSpan.FromSeconds(60)).Single();
        var byLine = r.Results.ToDictionary(x => x.Line);
        foreach (var line in new[] { 7, 8, 9, 10, 11, 12 }) Assert.True(byLine[line].Outcome == AssertionOutcome.Pass, $"line {line}: {byLine[line].Message}");
        Assert.Equal("f32:0xffa00001", byLine[7].Actual);
        Assert.Equal(AssertionOutcome.Fail, byLine[13].Outcome);
        Assert.Equal("f32:0xffa00001", byLine[13].Actual);
        Assert.Equal(AssertionOutcome.Fail, byLine[14].Outcome);
        Assert.Equal("ref.extern 7", byLine[14].Actual);
    }

    [Fact]
    public void A_hung_call_costs_its_assertion_and_the_file_goes_on_in_a_fresh_host()
    {
        using var tmp = new TempDirectory();
        var path = tmp.Write("hang.wast", """
            (module
              (func (export "spin") (loop (br 0)))
              (func (export "one") (result i32) (i32.const 1)))
            (assert_return (invoke "one") (i32.const 1))
            (invoke "spin")
            (assert_return (invoke "one") (i32.const 1))
            """);
        var engine = Native();
        var r = Run(engine, [new SpecFile(path, "hang.wast", "core", new FileInfo(path).Length)], tmp.Combine("scratch"), TimeSpan.FromSeconds(3), parallelism: 1).Single();
        var byLine = r.Results.ToDictionary(x => x.Line);
        Assert.Equal(AssertionOutcome.Pass, byLine[4].Outcome);
        Assert.Equal(AssertionOutcome.Timeout, byLine[5].Outcome);
        Assert.Contains("the host was killed", byLine[5].Message);
        Assert.Equal(AssertionOutcome.Pass, byLine[6].Outcome);
        Assert.Equal(2, engine.ProcessesStarted);
    }

    [Fact]
    public void On_aarch64_under_qemu_suite_files_agree_with_the_in_process_wasmtime_and_are_stored_with_their_isa()
    {
        var suite = ConformanceTestEnvironment.SpecSuite;
        using var tmp = new TempDirectory();
        foreach (var name in new[] { "i32.wast", "f32_bitwise.wast", "linking.wast" })
            tmp.Write(Path.Combine("suite", name), System.IO.File.ReadAllText(Path.Combine(suite, name)));
        var db = tmp.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(Repo.Root, "conformance", "--suite", "spec", "--testsuite", tmp.Combine("suite"),
            "--arch", "x86_64,aarch64", "--engines", "wasmtime-50.0.1*", "--json", "--db", db);
        Assert.True(r.ExitCode == 0, r.Error);

        using var store = ObservatoryStore.Open(db, readOnly: true);
        var runs = store.Query("SELECT engine, isa, emulated FROM conformance_engine_runs ORDER BY engine").ToDictionary(x => (string)x["engine"]!);
        Assert.Equal(["wasmtime-50.0.1", Aarch64Id], runs.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(InstructionSet.Arm64, runs[Aarch64Id]["isa"]);
        Assert.Equal(true, runs[Aarch64Id]["emulated"]);
        var outcomes = store.Query("SELECT engine, file, line, directive, outcome FROM conformance_results")
            .GroupBy(x => (string)x["engine"]!)
            .ToDictionary(g => g.Key, g => g.ToDictionary(x => $"{x["file"]}:{x["line"]} {x["directive"]}", x => (string)x["outcome"]!));
        Assert.True(outcomes[Aarch64Id].Count > 500, $"{outcomes[Aarch64Id].Count} directives");
        var x86 = outcomes["wasmtime-50.0.1"];
        var differ = x86.Keys.Union(outcomes[Aarch64Id].Keys)
            .Where(k => x86.GetValueOrDefault(k) != outcomes[Aarch64Id].GetValueOrDefault(k))
            .Select(k => $"{k}: x86_64 {x86.GetValueOrDefault(k)}, aarch64 {outcomes[Aarch64Id].GetValueOrDefault(k)}").ToList();
        Assert.True(differ.Count == 0, string.Join("\n", differ.Take(20)));
        Assert.All(outcomes[Aarch64Id].Values, o => Assert.Equal("pass", o));
    }
}
