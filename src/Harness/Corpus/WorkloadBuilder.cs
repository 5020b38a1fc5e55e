using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Observatory.Collectors.Processes;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus;

/// <summary>
/// Builds workload variants to wasm32-wasip1 and to the host, from the same sources
/// with the same flags. Outputs are cached by a hash of everything that goes in
/// (sources, shared headers, flags, compiler version), so a second build is free and
/// the same inputs always give the same bytes. A failed build reports the compiler's
/// message and the other workloads still build.
/// </summary>
public sealed class WorkloadBuilder(string artifactsDirectory, Toolchain toolchain, TextWriter log)
{
    /// <summary>Changes whenever the commands below change, so old cache entries are not reused.</summary>
    private const string RecipeVersion = "1";

    public IReadOnlyList<BuildArtifact> BuildAll(IEnumerable<WorkloadManifest> workloads, string? variantGlob = null)
    {
        var results = new List<BuildArtifact>();
        var problem = toolchain.Prepare();
        foreach (var w in workloads)
            foreach (var v in w.Variants)
            {
                if (!Cli.Glob.Matches(variantGlob, v.Name)) continue;
                results.Add(problem is null ? Build(w, v) : new BuildArtifact { Workload = w, Variant = v, Error = problem });
            }
        return results;
    }

    public BuildArtifact Build(WorkloadManifest w, WorkloadVariant v)
    {
        var hash = InputHash(w, v);
        var dir = Path.Combine(artifactsDirectory, w.Name, $"{v.Name}-{hash[..16]}");
        var wasm = Path.Combine(dir, $"{w.Name}.wasm");
        var native = Path.Combine(dir, $"{w.Name}.native");
        var stamp = Path.Combine(dir, "build.json");
        if (File.Exists(stamp) && File.Exists(wasm) && (!w.HasNative || File.Exists(native)))
            return Artifact(w, v, hash, wasm, w.HasNative ? native : null, cached: true);

        Directory.CreateDirectory(dir);
        log.WriteLine($"build {w.Name}/{v.Name} ({w.Language})");
        var error = w.Language switch
        {
            "c" => CompileC(w, v, wasm, native, Toolchain.Clang),
            "cpp" => CompileC(w, v, wasm, native, Toolchain.ClangXX),
            _ => $"language '{w.Language}' is not supported by this build of observatory",
        };
        if (error is not null)
        {
            log.WriteLine($"  FAILED {w.Name}/{v.Name}: {FirstLines(error, 12)}");
            return new BuildArtifact { Workload = w, Variant = v, Error = error, InputHash = hash };
        }
        File.WriteAllText(stamp, JsonSerializer.Serialize(new { workload = w.Name, variant = v.Name, inputHash = hash, toolchain = toolchain.Versions }));
        return Artifact(w, v, hash, wasm, w.HasNative ? native : null, cached: false);
    }

    private static BuildArtifact Artifact(WorkloadManifest w, WorkloadVariant v, string hash, string wasm, string? native, bool cached) => new()
    {
        Workload = w,
        Variant = v,
        WasmPath = wasm,
        NativePath = native,
        WasmSha256 = Sha256File.Of(wasm),
        NativeSha256 = native is null ? null : Sha256File.Of(native),
        Cached = cached,
        InputHash = hash,
    };

    private string? CompileC(WorkloadManifest w, WorkloadVariant v, string wasmOut, string nativeOut, string compiler)
    {
        var sources = w.Sources.Select(s => Path.GetFullPath(Path.Combine(w.Directory, s))).ToList();
        var include = Path.GetDirectoryName(w.Directory)!; // workloads/, for bench.h
        var common = new List<string> { "-ffp-contract=off", "-I", include, "-I", w.Directory };
        if (compiler == Toolchain.ClangXX) common.AddRange(["-fno-exceptions"]);
        common.AddRange(v.Flags);

        var wasmArgs = new List<string> { "--target=wasm32-wasip1", $"--sysroot={toolchain.Sysroot}", "--no-wasm-opt" };
        wasmArgs.AddRange(common);
        wasmArgs.AddRange(v.WasmFlags);
        wasmArgs.AddRange(["-o", wasmOut]);
        wasmArgs.AddRange(sources);
        wasmArgs.Add("-lm");
        var err = RunCompiler(compiler, wasmArgs, w.Directory);
        if (err is not null) return err;
        if (!w.HasNative) return null;

        var nativeArgs = new List<string>(common);
        nativeArgs.AddRange(v.NativeFlags);
        nativeArgs.AddRange(["-o", nativeOut]);
        nativeArgs.AddRange(sources);
        nativeArgs.Add("-lm");
        return RunCompiler(compiler, nativeArgs, w.Directory);
    }

    private static string? RunCompiler(string compiler, IReadOnlyList<string> args, string workDir)
    {
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = compiler, Arguments = args, WorkingDirectory = workDir, Timeout = TimeSpan.FromMinutes(10),
        });
        if (r.ExitCode == 0) return null;
        if (r.ExitCode == 127) return $"{compiler} is not installed: apt-get install clang-22 lld-22 wasi-libc libclang-rt-22-dev-wasm32";
        return $"{compiler} {string.Join(' ', args)}\n{r.Stderr.Trim()}";
    }

    private string InputHash(WorkloadManifest w, WorkloadVariant v)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) { h.AppendData(Encoding.UTF8.GetBytes(s)); h.AppendData([0]); }
        Add(RecipeVersion);
        Add(w.Language);
        foreach (var (k, val) in toolchain.Versions) Add($"{k}={val}");
        Add(string.Join(' ', v.Flags)); Add(string.Join(' ', v.WasmFlags)); Add(string.Join(' ', v.NativeFlags));
        Add(w.HasNative.ToString());
        foreach (var s in w.Sources)
        {
            Add(s);
            h.AppendData(File.ReadAllBytes(Path.Combine(w.Directory, s)));
        }
        // Shared headers next to the workloads (bench.h) and the workload's own headers.
        foreach (var header in Directory.GetFiles(Path.GetDirectoryName(w.Directory)!, "*.h").Concat(Directory.GetFiles(w.Directory, "*.h")).Order(StringComparer.Ordinal))
        {
            Add(Path.GetFileName(header));
            h.AppendData(File.ReadAllBytes(header));
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    private static string FirstLines(string s, int n) => string.Join("\n    ", s.Split('\n').Take(n));
}
