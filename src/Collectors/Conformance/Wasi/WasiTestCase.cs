using System.Text.Json;
using System.Text.Json.Nodes;

namespace Observatory.Collectors.Conformance.Wasi;

/// <summary>
/// One WASI preview1 test: a .wasm and its JSON sidecar in wasi-testsuite's legacy form
/// ({"args": [...], "env": {...}, "dirs": [...] or "root": "...", "exit_code": N,
/// "stdout": "...", "stderr": "..."}). Directories are relative to the sidecar and are
/// preopened under their own names (root under "/"), each in a fresh copy per run.
/// </summary>
public sealed record WasiTestCase
{
    public required string Name { get; init; }
    public required string WasmPath { get; init; }
    public required string SidecarPath { get; init; }
    public string Feature { get; init; } = "wasi";
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    /// <summary>(host directory, guest path) pairs.</summary>
    public IReadOnlyList<(string Host, string Guest)> Dirs { get; init; } = [];
    public int ExitCode { get; init; }
    public string? Stdout { get; init; }
    public string? Stderr { get; init; }
    /// <summary>The program is expected to trap ("trap": true); stdout and stderr written before it must still arrive (stdio is unbuffered).</summary>
    public bool Trap { get; init; }

    /// <summary>Reads a sidecar; a malformed one throws InvalidDataException naming the file and the JSON position.</summary>
    public static WasiTestCase Load(string name, string wasmPath, string sidecarPath, string? defaultFeature = null)
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(File.ReadAllText(sidecarPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })?.AsObject()
                ?? throw new InvalidDataException($"{sidecarPath}: empty sidecar");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{sidecarPath}:{(e.LineNumber ?? 0) + 1}: malformed JSON sidecar: {e.Message}");
        }
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(sidecarPath))!;
        var dirs = new List<(string, string)>();
        foreach (var d in o["dirs"]?.AsArray() ?? [])
        {
            var rel = (string)d!;
            dirs.Add((Path.GetFullPath(Path.Combine(baseDir, rel)), rel));
        }
        if (o["root"] is { } root) dirs.Add((Path.GetFullPath(Path.Combine(baseDir, (string)root!)), "/"));
        foreach (var (host, _) in dirs)
            if (!Directory.Exists(host)) throw new InvalidDataException($"{sidecarPath}: directory {host} named in the sidecar does not exist");
        return new WasiTestCase
        {
            Name = name,
            WasmPath = wasmPath,
            SidecarPath = sidecarPath,
            Feature = (string?)o["feature"] ?? defaultFeature ?? "wasi",
            Args = o["args"]?.AsArray().Select(a => (string)a!).ToList() ?? [],
            Environment = o["env"]?.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!) ?? new Dictionary<string, string>(),
            Dirs = dirs,
            ExitCode = (int?)o["exit_code"] ?? 0,
            Stdout = (string?)o["stdout"],
            Stderr = (string?)o["stderr"],
            Trap = (bool?)o["trap"] ?? false,
        };
    }

    /// <summary>
    /// The tests of a wasi-testsuite checkout: tests/*/testsuite/wasm32-wasip1/*.wasm with their
    /// .json sidecars (the feature is the manifest.json name of the folder, else the folder).
    /// </summary>
    public static IReadOnlyList<WasiTestCase> DiscoverTestsuite(string root)
    {
        var full = Path.GetFullPath(root);
        var testsDir = Directory.Exists(Path.Combine(full, "tests")) ? Path.Combine(full, "tests") : full;
        var list = new List<WasiTestCase>();
        foreach (var wasm in Directory.EnumerateFiles(testsDir, "*.wasm", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var dir = Path.GetDirectoryName(wasm)!;
            if (!dir.Replace('\\', '/').Contains("/wasm32-wasip1", StringComparison.Ordinal) && !dir.EndsWith("testsuite", StringComparison.Ordinal)) continue;
            var sidecar = Path.ChangeExtension(wasm, ".json");
            var feature = FeatureOf(dir);
            if (!File.Exists(sidecar))
            {
                list.Add(new WasiTestCase { Name = Path.GetRelativePath(full, wasm).Replace('\\', '/'), WasmPath = wasm, SidecarPath = sidecar, Feature = feature });
                continue;
            }
            list.Add(Load(Path.GetRelativePath(full, wasm).Replace('\\', '/'), wasm, sidecar, feature));
        }
        if (list.Count == 0) throw new InvalidDataException($"{full} holds no tests/*/testsuite/wasm32-wasip1/*.wasm: is it a wasi-testsuite checkout?");
        return list;
    }

    private static string FeatureOf(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        {
            var manifest = Path.Combine(d.FullName, "manifest.json");
            if (!File.Exists(manifest)) continue;
            try
            {
                if (JsonNode.Parse(File.ReadAllText(manifest))?["name"] is { } n) return "wasi-testsuite:" + (string)n!;
            }
            catch (JsonException) { }
            return "wasi-testsuite:" + d.Name;
        }
        return "wasi-testsuite";
    }
}
