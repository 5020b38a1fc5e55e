using System.Text.Json.Nodes;
using Observatory.Collectors.Engines.Configuration;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Engines.Worker;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// wasm.h libraries: the libwasmtime.so shipped in the Wasmtime NuGet package (always here),
/// every [[wasmc]] entry of the runtimes config, Wasmer and WAMR where their usual
/// environment variables point (listed as not installed otherwise, with how to add them).
/// Each library is proven in a child process (<see cref="WasmCProbe"/>, a probe request to the worker) before it
/// is ready, so a file that is not a wasm.h library is listed broken with the reason,
/// and a library that crashes on load cannot take the observatory down with it.
/// </summary>
public sealed class WasmCProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var config = RuntimesConfig.Load(env);
        var bundled = BundledLibwasmtime(env);
        if (bundled is null)
            yield return new UnavailableEngine(WasmCEngine.DescriptorFor(new WasmCLibrary("libwasmtime.so", "wasmtime", null, "NuGet Wasmtime"), WasmtimeEngine.PackageVersion) with
            {
                Status = EngineStatus.NotInstalled,
                Reason = $"libwasmtime.so not found next to {env.ToolDirectory} (restore the Wasmtime package: dotnet build -c Release src/Harness)",
            });
        else
            yield return Probe(env, WasmCLibrary.FromPath(bundled, $"libwasmtime.so of NuGet Wasmtime {WasmtimeEngine.PackageVersion}", "wasmtime", WasmtimeEngine.PackageVersion));

        foreach (var entry in config.WasmC)
            yield return Probe(env, WasmCLibrary.FromPath(entry.Library, $"{config.Path} [[wasmc]]", entry.Name, entry.Version));

        // Wasmer and WAMR are what this engine exists for; say how to add them when they are absent.
        if (!config.WasmC.Any(e => WasmCLibrary.NameOf(e.Library) == "wasmer" || e.Name == "wasmer"))
            yield return FromEnvironment(env, "wasmer", "WASMER_DIR", "lib/libwasmer.so",
                "install Wasmer and set WASMER_DIR (its lib/libwasmer.so is used), or add [[wasmc]] library = \"/path/to/libwasmer.so\" to runtimes.toml");
        if (!config.WasmC.Any(e => WasmCLibrary.NameOf(e.Library) == "iwasm" || e.Name == "iwasm"))
            yield return FromEnvironment(env, "iwasm", "WAMR_DIR", "lib/libiwasm.so",
                "build WAMR's libiwasm.so (product-mini/platforms/linux, cmake -DBUILD_SHARED_LIBS=ON, WAMR 2.3.0 or later) and set WAMR_DIR, or add [[wasmc]] library = \"/path/to/libiwasm.so\" to runtimes.toml");
    }

    /// <summary>An engine for a library named on the command line (<c>--engines wasmc:/path/libwasmer.so</c>).</summary>
    public static IEngine ForPath(EngineEnvironment env, string path) =>
        Probe(env, WasmCLibrary.FromPath(path, "given on the command line"));

    private static IEngine FromEnvironment(EngineEnvironment env, string name, string variable, string relative, string hint)
    {
        var dir = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, relative)))
            return Probe(env, WasmCLibrary.FromPath(Path.Combine(dir, relative), $"${variable}", name));
        return new UnavailableEngine(new EngineDescriptor
        {
            Id = $"{WasmCEngine.Family}-{name}", Family = WasmCEngine.Family, Version = "", Tier = "default",
            Status = EngineStatus.NotInstalled, Reason = $"lib{name}.so not found: {hint}",
        });
    }

    /// <summary>The libwasmtime.so the Wasmtime package put next to the tool (or under runtimes/linux-x64/native/).</summary>
    public static string? BundledLibwasmtime(EngineEnvironment env) =>
        new[] { Path.Combine(env.ToolDirectory, "libwasmtime.so"), Path.Combine(env.ToolDirectory, "runtimes", "linux-x64", "native", "libwasmtime.so") }
            .FirstOrDefault(File.Exists);

    private static IEngine Probe(EngineEnvironment env, WasmCLibrary library)
    {
        var unknown = WasmCEngine.DescriptorFor(library, library.VersionFor(null));
        if (!File.Exists(library.FullPath))
            return new UnavailableEngine(unknown with { Status = EngineStatus.NotInstalled, Reason = $"{library.FullPath} does not exist ({library.Origin})" });
        if (!File.Exists(env.WorkerAssembly))
            return new UnavailableEngine(unknown with { Status = EngineStatus.Broken, Reason = $"worker {env.WorkerAssembly} not found (dotnet build -c Release src/Harness)" });
        var requestFile = Path.Combine(Path.GetTempPath(), $"observatory-wasmc-probe-{Guid.NewGuid():N}.json");
        var reportFile = Path.ChangeExtension(requestFile, ".report");
        ChildProcessResult r;
        string report;
        try
        {
            // The probe's line comes back through its own file: the library may print to stdout.
            var request = new WorkerRequest { Kind = WorkerRequestKind.Probe, Family = WasmCEngine.Family, Settings = library.FullPath, ReportPath = reportFile };
            r = ChildProcess.Run(WorkerProcess.Spec(env, request, requestFile, sandbox: null) with { Timeout = TimeSpan.FromSeconds(60) });
            report = File.Exists(reportFile) ? File.ReadAllText(reportFile) : "";
        }
        finally
        {
            File.Delete(requestFile);
            File.Delete(reportFile);
        }
        var line = report.Split('\n').FirstOrDefault(l => l.StartsWith(WasmCProbe.ProbePrefix, StringComparison.Ordinal));
        if (line is null)
        {
            var why = r.TimedOut ? "timed out" : r.Ending;
            return new UnavailableEngine(unknown with { Status = EngineStatus.Broken, Reason = $"probing {library.FullPath} {why}: {r.StderrTail(300).Trim()}" });
        }
        var o = JsonNode.Parse(line[WasmCProbe.ProbePrefix.Length..])!.AsObject();
        var version = library.VersionFor((string?)o["version"]);
        if ((bool?)o["ok"] != true)
            return new UnavailableEngine(WasmCEngine.DescriptorFor(library, version) with { Status = EngineStatus.Broken, Reason = (string?)o["message"] ?? "probe failed" });
        return new WasmCEngine(env, library, version, WasmCLibraryTraits.FromJson(o));
    }
}
