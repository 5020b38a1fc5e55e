using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Observatory.Harness.Corpus;
using Observatory.Tests.Support;

namespace Observatory.Tests.Collectors;

/// <summary>
/// What the engine tests share, built once per test run: the engine catalog as discovered
/// from this test's output directory (no runtimes config), and <c>wasi_probe.c</c> compiled
/// by clang-22 for wasm32-wasip1 and for the host, with the native build's stdout as the
/// reference every engine must reproduce. Everything lives in one temp directory, deleted at exit.
/// </summary>
public sealed class EngineTestBed
{
    private static readonly Lazy<EngineTestBed> shared = new(() => new EngineTestBed());
    public static EngineTestBed Shared => shared.Value;

    /// <summary>This run's directory: <c>observatory-enginebed-PID-*</c> in the temp folder.</summary>
    public BedDirectory Temp { get; } = new();
    public EngineEnvironment Env { get; }
    public IReadOnlyList<IEngine> Engines { get; }
    public string ProbeWasm { get; }
    public string ProbeNative { get; }
    public string StdinFile { get; }
    public IReadOnlyList<string> ProbeArgs { get; } = ["one", "two words"];
    public IReadOnlyDictionary<string, string> ProbeEnv { get; } = new Dictionary<string, string> { ["OBS_PROBE"] = "42" };
    public string ExpectedStdout { get; }

    private EngineTestBed()
    {
        // The test host may end without running exit handlers: each run also removes the
        // directories of earlier runs whose process is gone (never those of a live one).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Temp.Dispose();
        BedDirectory.RemoveOrphans();
        var noConfig = Temp.Write("runtimes-empty.toml", "# no extra runtimes\n");
        Env = new EngineEnvironment
        {
            RepositoryRoot = Repo.Root, ToolDirectory = AppContext.BaseDirectory, RuntimesConfigPath = noConfig, CacheDirectory = Temp.Combine("engine-cache"),
        };
        Engines = EngineCatalog.Discover(Env);
        StdinFile = Temp.Write("stdin.txt", "first line\nsecond line\n");
        (ProbeWasm, ProbeNative) = CompileProbe();
        var scratch = Temp.Combine("native-reference");
        var native = Engines.Single(e => e.Descriptor.IsNative);
        var r = Run(native, ProbeNative, scratch);
        if (r.Iterations[0].Outcome != Outcome.Ok || r.Iterations[0].ExitCode != 0)
            throw new InvalidOperationException($"native reference run failed: {r.Iterations[0].Message}");
        ExpectedStdout = File.ReadAllText(r.Iterations[0].StdoutPath!);
    }

    private (string Wasm, string Native) CompileProbe()
    {
        var toolchain = new Toolchain(Temp.Combine("toolchain"));
        if (toolchain.Prepare() is { } missing) throw new InvalidOperationException(missing);
        var source = Path.Combine(Repo.Root, "tests", "Observatory.Tests", "Collectors", "wasi_probe.c");
        var include = $"-I{Repo.Workloads}";
        var wasm = Temp.Combine("wasi_probe.wasm");
        var native = Temp.Combine("wasi_probe.native");
        Compile([$"--target=wasm32-wasip1", $"--sysroot={toolchain.Sysroot}", "--no-wasm-opt", "-O1", include, source, "-o", wasm]);
        Compile(["-O1", include, source, "-o", native]);
        return (wasm, native);
    }

    private static void Compile(IReadOnlyList<string> args)
    {
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = Toolchain.Clang, Arguments = args, Timeout = TimeSpan.FromMinutes(2) });
        if (r.ExitCode != 0) throw new InvalidOperationException($"clang-22 {string.Join(' ', args)} failed: {r.Stderr}");
    }

    /// <summary>One process of <paramref name="iterations"/> iterations of the probe (or <paramref name="artifact"/>) with a fresh preopened data directory.</summary>
    public ProcessResult Run(IEngine engine, string artifact, string scratch, int iterations = 1, IReadOnlyList<string>? args = null, TimeSpan? timeout = null,
        TimeSpan? spendLimit = null)
    {
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        return engine.Run(new EngineInvocation
        {
            ArtifactPath = artifact,
            Args = args ?? ProbeArgs,
            Environment = ProbeEnv,
            StdinPath = StdinFile,
            Preopens = [new DirectoryMapping(data, ".")],
            ScratchDirectory = scratch,
            Iterations = iterations,
            Timeout = timeout ?? TimeSpan.FromMinutes(2),
            ProgramName = "wasi_probe",
            SpendLimit = spendLimit,
        });
    }

    public IEngine Engine(string id) => Engines.SingleOrDefault(e => e.Descriptor.Id == id)
        ?? throw new InvalidOperationException($"engine {id} not discovered; have: {string.Join(", ", Engines.Select(e => e.Descriptor.Id))}");

    /// <summary>Ids of the ready wasm engines (optionally only those that run WASI), for theories.</summary>
    public static TheoryData<string> ReadyWasmEngines(bool wasiOnly)
    {
        var data = new TheoryData<string>();
        // Host-ISA engines: the emulated builds (qemu, seconds per start) have their own tests in Isa/.
        foreach (var e in Shared.Engines.Where(e => e.Descriptor is { Status: EngineStatus.Ready, IsNative: false, Emulated: false } && (!wasiOnly || e.Descriptor.SupportsWasi)))
            data.Add(e.Descriptor.Id);
        return data;
    }
}

/// <summary>A temp directory named after the owning process, so a later run can tell an orphan from a live one.</summary>
public sealed class BedDirectory : IDisposable
{
    private const string Prefix = "observatory-enginebed-";

    public string Path { get; } = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relative, string content)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public static void RemoveOrphans()
    {
        foreach (var dir in Directory.GetDirectories(System.IO.Path.GetTempPath(), Prefix + "*"))
        {
            var rest = System.IO.Path.GetFileName(dir)[Prefix.Length..];
            var dash = rest.IndexOf('-');
            if (dash <= 0 || !int.TryParse(rest[..dash], out var pid) || pid == Environment.ProcessId) continue;
            if (Directory.Exists($"/proc/{pid}")) continue;
            Delete(dir);
        }
    }

    private static void Delete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public void Dispose() => Delete(Path);
}
