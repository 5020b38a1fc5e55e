using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Observatory.Collectors.Processes;
using Observatory.Core.Workloads;
using Observatory.Harness.Corpus.Recipes;

namespace Observatory.Harness.Corpus;

/// <summary>
/// Builds workload variants to wasm32-wasip1 and to the host, from the same sources
/// with the same flags. Outputs are cached by a hash of everything that goes in
/// (sources, shared headers, flags, compiler version), so a second build is free and
/// the same inputs always give the same bytes. A failed build reports the compiler's
/// message and the other workloads still build.
/// </summary>
public sealed class WorkloadBuilder(string artifactsDirectory, Toolchain toolchain, TextWriter log, string? repositoryRoot = null)
{
    /// <summary>Changes whenever the commands below change, so old cache entries are not reused.</summary>
    private const string RecipeVersion = "2";
    private readonly string repositoryRoot = repositoryRoot ?? Directory.GetCurrentDirectory();

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
        // Names are validated by the manifest loader; the guard is the second line against a crafted one.
        var dir = Core.Naming.ResultsPaths.EnsureUnder(artifactsDirectory, Path.Combine(artifactsDirectory, w.Name, $"{v.Name}-{hash[..16]}"));
        var wasm = Path.Combine(dir, $"{w.Name}.wasm");
        var native = Path.Combine(dir, $"{w.Name}.native");
        var stamp = Path.Combine(dir, "build.json");
        if (File.Exists(stamp) && File.Exists(wasm) && (!w.HasNative || File.Exists(native)) && (!GuestRoot.Needed(w) || Directory.Exists(Path.Combine(dir, "root"))))
            return Artifact(w, v, hash, wasm, w.HasNative ? native : null, cached: true);

        Directory.CreateDirectory(dir);
        log.WriteLine($"build {w.Name}/{v.Name} ({w.Language})");
        var error = MissingThirdPartySource(w) ?? Compile(w, v, wasm, native);
        if (error is not null)
        {
            log.WriteLine($"  FAILED {w.Name}/{v.Name}: {FirstLines(error, 12)}");
            return new BuildArtifact { Workload = w, Variant = v, Error = error, InputHash = hash };
        }
        File.WriteAllText(stamp, JsonSerializer.Serialize(new { workload = w.Name, variant = v.Name, inputHash = hash, toolchain = toolchain.Versions }));
        return Artifact(w, v, hash, wasm, w.HasNative ? native : null, cached: false);
    }

    /// <summary>
    /// The artifact's native executable for another ISA, cross-compiled from the same sources and flags beside
    /// the host build (<c>NAME.native-ISA</c>, kept like any artifact). Null path and the reason when there is no
    /// such build: no native build at all, a language without a cross toolchain here, or the compiler's message.
    /// </summary>
    public string? BuildCrossNative(BuildArtifact a, Collectors.Engines.Emulation.ForeignIsa isa, out string? error)
    {
        error = null;
        if (!a.Ok || a.NativePath is null) { error = "no native build of this workload (native = false)"; return null; }
        var w = a.Workload;
        if (w.Language is not ("c" or "cpp")) { error = $"no {w.Language} cross toolchain for {isa.Triple} here (only C and C++ cross-compile, with clang-22)"; return null; }
        if (Collectors.Engines.Emulation.CrossCompiler.Missing(isa) is { } missing) { error = missing; return null; }
        var path = $"{a.NativePath}-{isa.Isa}";
        if (File.Exists(path)) return path;
        log.WriteLine($"build {w.Name}/{a.Variant.Name} native for {isa.Isa}");
        var recipe = new ClangRecipe(toolchain, cpp: w.Language == "cpp") { TargetFlags = Collectors.Engines.Emulation.CrossCompiler.Flags(isa) };
        error = recipe.BuildNative(w, a.Variant, path + ".tmp");
        if (error is not null) return null;
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    private string? Compile(WorkloadManifest w, WorkloadVariant v, string wasm, string native)
    {
        IBuildRecipe? recipe = w.Language switch
        {
            "c" => new ClangRecipe(toolchain, cpp: false),
            "cpp" => new ClangRecipe(toolchain, cpp: true),
            "rust" => new RustRecipe(),
            "assemblyscript" => new AssemblyScriptRecipe(repositoryRoot),
            "wasm" => new PrebuiltRecipe(),
            _ => null,
        };
        if (recipe is null) return $"language '{w.Language}' cannot be built from source";
        // Build into temporary names so an interrupted build never leaves a half-written artifact behind.
        var err = recipe.BuildWasm(w, v, wasm + ".tmp");
        if (err is null && v.Wizer) err = WizerStep.Apply(repositoryRoot, w, wasm + ".tmp");
        if (err is null && w.HasNative) err = recipe.BuildNative(w, v, native + ".tmp");
        if (err is null && GuestRoot.Needed(w)) err = GuestRoot.Prepare(w, Path.Combine(Path.GetDirectoryName(wasm)!, "root"));
        if (err is not null) return err;
        File.Move(wasm + ".tmp", wasm, overwrite: true);
        if (w.HasNative) File.Move(native + ".tmp", native, overwrite: true);
        return null;
    }

    /// <summary>Third-party sources come from npm at set-up; name the command when one is missing.</summary>
    private static string? MissingThirdPartySource(WorkloadManifest w)
    {
        foreach (var s in w.Sources)
        {
            var full = Path.GetFullPath(Path.Combine(w.Directory, s));
            if (File.Exists(full)) continue;
            return full.Contains("node_modules", StringComparison.Ordinal)
                ? $"third-party source {full} is missing: run `npm ci --ignore-scripts` in the repository root (it comes from package.json)"
                : $"source {full} is missing";
        }
        return null;
    }

    private static BuildArtifact Artifact(WorkloadManifest w, WorkloadVariant v, string hash, string wasm, string? native, bool cached) => new()
    {
        Workload = w,
        Variant = v,
        WasmPath = wasm,
        NativePath = native,
        WasmSha256 = Sha256File.Of(wasm),
        GuestRoot = GuestRoot.Needed(w) ? Path.Combine(Path.GetDirectoryName(wasm)!, "root") : null,
        NativeSha256 = native is null ? null : Sha256File.Of(native),
        Cached = cached,
        InputHash = hash,
    };

    private string InputHash(WorkloadManifest w, WorkloadVariant v)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string s) { h.AppendData(Encoding.UTF8.GetBytes(s)); h.AppendData([0]); }
        Add(RecipeVersion);
        Add(w.Language);
        foreach (var (k, val) in toolchain.Versions) Add($"{k}={val}");
        Add(string.Join(' ', v.Flags)); Add(string.Join(' ', v.WasmFlags)); Add(string.Join(' ', v.NativeFlags)); Add(v.Wizer.ToString());
        Add(w.HasNative.ToString());
        foreach (var s in w.Sources)
        {
            Add(s);
            var path = Path.Combine(w.Directory, s);
            if (File.Exists(path)) h.AppendData(File.ReadAllBytes(path));
        }
        // Shared headers next to the workloads (bench.h), the workload's own headers and its guest-root script.
        var extra = Directory.GetFiles(Path.GetDirectoryName(w.Directory)!, "*.h")
            .Concat(Directory.GetFiles(w.Directory, "*.h")).Concat(Directory.GetFiles(w.Directory, GuestRoot.Script));
        foreach (var header in extra.Order(StringComparer.Ordinal))
        {
            Add(Path.GetFileName(header));
            h.AppendData(File.ReadAllBytes(header));
        }
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    private static string FirstLines(string s, int n) => string.Join("\n    ", s.Split('\n').Take(n));
}
