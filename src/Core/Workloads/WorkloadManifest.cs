namespace Observatory.Core.Workloads;

/// <summary>
/// One workload of the corpus, read from <c>workloads/NAME/workload.toml</c>.
/// Paths are resolved against <see cref="Directory"/>.
/// </summary>
public sealed record WorkloadManifest
{
    public static readonly IReadOnlyList<string> Categories = ["kernel", "serverless", "analytics", "llm"];
    public static readonly IReadOnlyList<string> Languages = ["c", "cpp", "rust", "assemblyscript", "wasm"];
    public static readonly IReadOnlyList<string> ProfileNames = ["quick", "standard"];
    /// <summary>
    /// <c>[profiles] emulated = [...]</c>: a smaller input the portability matrix runs instead of the quick one (on the
    /// x86_64 reference and every emulated cell alike), for kernels whose quick input costs minutes under qemu.
    /// Not a run profile: <c>run</c> never uses it.
    /// </summary>
    public const string EmulatedProfile = "emulated";
    /// <summary>The category of a module the observatory did not build (`run --wasm`): its bytes are its identity.</summary>
    public const string ForeignCategory = "adhoc";

    public required string Name { get; init; }
    public required string Category { get; init; }
    public required string Language { get; init; }
    public required string Directory { get; init; }
    public required string ManifestPath { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<WorkloadVariant> Variants { get; init; } = [];
    /// <summary>Arguments per profile (quick, standard, and the optional emulated input); a profile not given falls back to "quick".</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ProfileArgs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>The workload's own sampling bounds per profile (see <see cref="WorkloadSampling"/>); empty for most.</summary>
    public IReadOnlyDictionary<string, WorkloadSampling> Sampling { get; init; } = new Dictionary<string, WorkloadSampling>();
    public string? StdinFile { get; init; }
    /// <summary>argv[0] as the module sees it (multi-call binaries such as LLVM pick the tool from it).</summary>
    public string? Program { get; init; }
    public ExpectedOutput Expected { get; init; } = ExpectedOutput.SameAsNative;
    /// <summary>Whether the module uses WASI (every C/C++/Rust command does).</summary>
    public bool UsesWasi { get; init; } = true;
    /// <summary>Whether a native baseline is built from the same sources.</summary>
    public bool HasNative { get; init; } = true;

    public WorkloadSampling SamplingFor(string profile) => Sampling.TryGetValue(profile, out var s) ? s : new WorkloadSampling();

    /// <summary>The named regions, in the order the module's bench.start/bench.end pairs run (<c>[[regions]]</c>).</summary>
    public IReadOnlyList<RegionDeclaration> Regions { get; init; } = [];

    /// <summary>A variant's regions: a burst variant has one, the loop of its requests; others have the workload's.</summary>
    public IReadOnlyList<RegionDeclaration> RegionsFor(WorkloadVariant variant) =>
        variant.Requests is { } n ? [RegionDeclaration.Requests(n)] : Regions;

    /// <summary>The input the portability matrix runs when the workload declares one (<see cref="EmulatedProfile"/>), else null.</summary>
    public IReadOnlyList<string>? EmulatedArgs => ProfileArgs.TryGetValue(EmulatedProfile, out var a) ? a : null;

    public IReadOnlyList<string> ArgsFor(string profile) =>
        ProfileArgs.TryGetValue(profile, out var a) ? a
        : ProfileArgs.TryGetValue("quick", out var q) ? q
        : [];
}
