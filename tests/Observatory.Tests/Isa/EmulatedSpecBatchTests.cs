using Xunit;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Core.Engines;
using Observatory.Tests.Support;

namespace Observatory.Tests.Isa;

/// <summary>
/// The spec suite on a Node under qemu-user runs many files per process (V8 takes seconds to start there):
/// for real on the aarch64 build, a few tiny files. A crash inside a batch costs the assertion it happened on,
/// as with a process per file; the files before it keep the batch's results, the ones after it go on in a new one.
/// </summary>
public class EmulatedSpecBatchTests
{
    private const string Good = "(module (func (export \"f\") (result i32) (i32.const 2)))\n(assert_return (invoke \"f\") (i32.const 2))\n";

    // V8 told it has a 50 MB stack (qemu gives the guest 8 MB) dies on runaway recursion instead of throwing RangeError.
    private const string Crash = """
        (module
          (func $r (export "runaway") (param i64) (result i64)
            (i64.add (call $r (i64.add (local.get 0) (i64.const 1))) (i64.const 1)))
          (func (export "one") (result i32) (i32.const 1)))
        (assert_return (invoke "one") (i32.const 1))
        (assert_exhaustion (invoke "runaway" (i64.const 0)) "call stack exhausted")
        (assert_return (invoke "one") (i32.const 1))
        """;

    private static SpecFile File(string root, string rel) => new(Path.Combine(root, rel), rel, FeatureMap.For(rel), new FileInfo(Path.Combine(root, rel)).Length);

    private static JsSpecEngine Aarch64Node(EngineEnvironment env, IReadOnlyList<string>? flags = null)
    {
        var runtime = EmulatedNodeProvider.Find(env, ForeignIsa.Named(InstructionSet.Arm64)!, out _, out var why);
        Assert.True(runtime is not null, why);
        var engine = new JsSpecEngine(env, runtime!, flags);
        Assert.Null(engine.UnavailableReason);
        return engine;
    }

    private static List<FileResult> Run(JsSpecEngine engine, IReadOnlyList<SpecFile> files, string scratch)
    {
        var results = new List<FileResult>();
        engine.Run(files, new SpecRunOptions { ScratchDirectory = scratch, Parallelism = 1, FileTimeout = TimeSpan.FromSeconds(20) }, results.Add);
        return results;
    }

    [Fact]
    public void Files_run_in_one_emulated_process_and_a_crash_costs_only_its_assertion()
    {
        using var tmp = new TempDirectory();
        var env = new EngineEnvironment { RepositoryRoot = Repo.Root, CacheDirectory = tmp.Combine("cache") };
        // Sizes fix the order inside the batch (largest first): big, crash, small.
        tmp.Write("suite/big.wast", ";; " + new string('x', 400) + "\n" + Good);
        tmp.Write("suite/crash.wast", Crash);
        tmp.Write("suite/small.wast", Good);
        var root = tmp.Combine("suite");
        SpecFile[] good = [File(root, "big.wast"), File(root, "small.wast")];

        // Two files make one batch (a batch holds at least SpecBatches.MinFilesPerBatch files when there are that many).
        var plain = Aarch64Node(env);
        var results = Run(plain, good, tmp.Combine("scratch1"));
        Assert.Equal(1, plain.ProcessesStarted);
        Assert.Equal(2, results.Count);
        Assert.All(results.SelectMany(r => r.Results), a => Assert.Equal(AssertionOutcome.Pass, a.Outcome));

        var crashing = Aarch64Node(env, ["--stack-size=50000"]);
        results = Run(crashing, [good[0], File(root, "crash.wast"), good[1]], tmp.Combine("scratch2"));
        Assert.Equal(3, results.Count);
        var crash = results.Single(r => r.File.RelativePath == "crash.wast").Results.ToDictionary(x => x.Line);
        Assert.Equal(AssertionOutcome.Pass, crash[5].Outcome);
        Assert.Equal(AssertionOutcome.Crash, crash[6].Outcome);
        Assert.Contains("node died", crash[6].Message);
        Assert.Equal(AssertionOutcome.Pass, crash[7].Outcome);
        foreach (var name in new[] { "big.wast", "small.wast" })
            Assert.All(results.Single(r => r.File.RelativePath == name).Results, a => Assert.Equal(AssertionOutcome.Pass, a.Outcome));
        // The batch (big passes, dies in crash), crash alone twice (the second skips the runaway), a batch of small.
        Assert.Equal(4, crashing.ProcessesStarted);
    }

    [Fact]
    public void Batches_share_the_files_out_by_size_each_file_once()
    {
        var files = Enumerable.Range(0, 80).Select(i => new SpecFile($"/s/f{i}.wast", $"f{i}.wast", "core", 1000 + 37 * (i * 7919 % 80))).ToList();
        var batches = SpecBatches.Plan(files, 2);
        Assert.Equal(2 * SpecBatches.BatchesPerWorker, batches.Count);
        Assert.Equal(files.Select(f => f.RelativePath).Order(), batches.SelectMany(b => b).Select(f => f.RelativePath).Order());
        var sizes = batches.Select(b => b.Sum(f => f.Bytes)).ToList();
        // Largest file into the lightest batch: batches differ by at most one file's size.
        Assert.True(sizes.Max() - sizes.Min() <= files.Max(f => f.Bytes), string.Join(", ", sizes));
        Assert.Equal(sizes.OrderDescending().ToList(), sizes);

        // Fewer files: fewer batches, none under MinFilesPerBatch files.
        Assert.Equal(3, SpecBatches.Plan(files.Take(3 * SpecBatches.MinFilesPerBatch + 1).ToList(), 2).Count);
        Assert.Single(SpecBatches.Plan(files.Take(1).ToList(), 2));
        Assert.Empty(SpecBatches.Plan([], 2));
    }
}
