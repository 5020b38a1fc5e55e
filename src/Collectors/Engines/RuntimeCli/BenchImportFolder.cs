using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// Runtime CLIs cannot provide the bench.start / bench.end imports that mark a workload's
/// region, so a module importing them would not link. This folds them into no-op functions
/// with binaryen's <c>wasm-merge</c> (npm binaryen, installed with the JS runtimes by
/// <c>npm ci --ignore-scripts</c>): the CLI then runs the same code minus two empty calls,
/// and reports process wall time only. Merged modules are cached by the input's hash.
/// </summary>
public sealed class BenchImportFolder(EngineEnvironment env)
{
    // (module (func (export "start")) (func (export "end")))
    private static readonly byte[] NoOpBench =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x03, 0x02, 0x00, 0x00,
        0x07, 0x0f, 0x02, 0x05, 0x73, 0x74, 0x61, 0x72, 0x74, 0x00, 0x00, 0x03, 0x65, 0x6e, 0x64, 0x00, 0x01,
        0x0a, 0x07, 0x02, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b,
    ];

    public string WasmMerge => Path.Combine(env.NodeModules, "binaryen", "bin", "wasm-merge");

    public static bool ImportsBench(string wasm) => WasmImports.Read(File.ReadAllBytes(wasm)).Any(i => i.Module == "bench");

    /// <summary>The module to give a CLI: <paramref name="wasm"/> itself, or its bench-folded copy; null with a reason when folding is impossible.</summary>
    private static readonly object FoldLock = new();

    public string? Prepare(string wasm, out string reason)
    {
        lock (FoldLock) return PrepareLocked(wasm, out reason);
    }

    private string? PrepareLocked(string wasm, out string reason)
    {
        reason = "";
        if (!ImportsBench(wasm)) return wasm;
        var cacheDir = Path.Combine(env.EffectiveCacheDirectory, "bench-folded");
        Directory.CreateDirectory(cacheDir);
        var target = Path.Combine(cacheDir, Sha256File.Of(wasm)[..16] + ".wasm");
        if (File.Exists(target)) return target;
        var node = PathLookup.Find("node");
        if (node is null || !File.Exists(WasmMerge))
        {
            reason = $"the module imports bench.start/bench.end, which a runtime CLI cannot provide, and wasm-merge is missing to fold them ({WasmMerge}: npm ci --ignore-scripts; node on PATH)";
            return null;
        }
        var bench = Path.Combine(cacheDir, "bench-noop.wasm");
        if (!File.Exists(bench))
        {
            var benchTmp = $"{bench}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(benchTmp, NoOpBench);
            File.Move(benchTmp, bench, overwrite: true);
        }
        var tmp = $"{target}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = node,
            Arguments = [WasmMerge, wasm, "main", bench, "bench", "-o", tmp, "--all-features"],
            Timeout = TimeSpan.FromMinutes(5),
        });
        if (r.ExitCode != 0 || !File.Exists(tmp))
        {
            reason = $"wasm-merge could not fold bench imports out of {wasm}: {r.StderrTail(300).Trim()}";
            return null;
        }
        File.Move(tmp, target, overwrite: true);
        return target;
    }
}
