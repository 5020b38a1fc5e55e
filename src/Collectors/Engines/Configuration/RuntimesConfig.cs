using Tomlyn;
using Tomlyn.Model;

namespace Observatory.Collectors.Engines.Configuration;

/// <summary>
/// A runtimes config that cannot be used: an <see cref="InvalidDataException"/> (which the CLI
/// reports as a one-line error) whose message names the file, the line and the key.
/// </summary>
public static class RuntimesConfigException
{
    public static InvalidDataException Create(string path, int line, string problem) => new($"{path}:{line}: {problem}");
}

/// <summary>A [[wasmc]] entry: a wasm.h library to measure.</summary>
public sealed record WasmCEntry(string Library, string? Name, string? Version);

/// <summary>A [[cli]] entry: a runtime CLI, or overrides for a built-in one (matched by name). Unset fields are null.</summary>
public sealed record CliEntry
{
    public required string Name { get; init; }
    public string? Command { get; init; }
    public IReadOnlyList<string>? VersionArgs { get; init; }
    public string? VersionPattern { get; init; }
    public IReadOnlyList<string>? Run { get; init; }
    public IReadOnlyList<string>? Preopen { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public bool? Wasi { get; init; }
    public string? Install { get; init; }
    /// <summary>Arguments that run one .wast file through the CLI's own spec runner (<c>{file}</c>), when it has one.</summary>
    public IReadOnlyList<string>? Wast { get; init; }
    /// <summary>like = "wasmtime": a new name driven as that built-in runtime (two builds of one runtime side by side, e.g. base and head of a pull request).</summary>
    public string? Like { get; init; }
    public int Line { get; init; }
}

/// <summary>
/// runtimes.toml: where the observatory learns about runtimes it cannot find by itself.
/// <code>
/// [[wasmc]]                               # a wasm.h library for the standard C API engine
/// library = "/opt/wasmer/lib/libwasmer.so"
/// name = "wasmer"                         # optional (default from the file name)
/// version = "6.1.0"                       # optional (default: asked from the library, else its path or hash)
///
/// [[cli]]                                 # a runtime CLI; a built-in name (wasmtime, wasmer, wasmedge,
/// name = "wasmtime"                       #   iwasm, wazero, wasm3) only needs the fields it changes
/// command = "/opt/wasmtime/wasmtime"      # a path, or a name looked up on PATH
/// version_args = ["--version"]
/// version_pattern = 'wasmtime (\d+\.\d+\.\d+)'   # first group is the version
/// run = ["run", "{preopens}", "{env}", "{wasm}", "{args}"]
/// preopen = ["--dir", "{host}::{guest}"]  # repeated for each preopened directory
/// env = ["--env", "{name}={value}"]       # repeated for each environment variable
/// wasi = true                             # false: only modules without WASI imports
/// install = "how to install it"
/// wast = ["wast", "{file}"]               # its own .wast runner, offered as a spec-suite engine
/// </code>
/// Every mistake is an <see cref="InvalidDataException"/> naming the file and line.
/// </summary>
public sealed class RuntimesConfig
{
    public string Path { get; init; } = "";
    public IReadOnlyList<WasmCEntry> WasmC { get; init; } = [];
    public IReadOnlyList<CliEntry> Cli { get; init; } = [];

    public static RuntimesConfig Empty { get; } = new();

    private static readonly HashSet<string> TopKeys = ["wasmc", "cli"];
    private static readonly HashSet<string> WasmCKeys = ["library", "name", "version"];
    private static readonly HashSet<string> CliKeys = ["name", "command", "version_args", "version_pattern", "run", "preopen", "env", "wasi", "install", "wast", "like"];

    public static RuntimesConfig Load(EngineEnvironment env)
    {
        var path = env.EffectiveRuntimesConfigPath;
        if (!File.Exists(path))
        {
            if (env.RuntimesConfigPath.Length > 0)
                throw RuntimesConfigException.Create(path, 0, "runtimes config named by OBSERVATORY_RUNTIMES does not exist");
            return Empty;
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static RuntimesConfig Parse(string text, string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(text) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            var msg = e.Diagnostics is { Count: > 0 } d ? d[0].Message : e.Message;
            throw RuntimesConfigException.Create(path, e.Line is > 0 ? e.Line.Value : 1, $"invalid TOML: {msg}");
        }
        var lines = text.Split('\n');
        foreach (var key in table.Keys)
            if (!TopKeys.Contains(key))
                throw RuntimesConfigException.Create(path, LineOf(lines, key, 0), $"unknown section or key '{key}' (known: [[wasmc]], [[cli]])");

        var wasmc = new List<WasmCEntry>();
        var cli = new List<CliEntry>();
        foreach (var (t, line) in Entries(table, "wasmc", lines, path))
        {
            Check(t, WasmCKeys, "[[wasmc]]", lines, line, path);
            var library = Str(t, "library", lines, line, path) ?? throw RuntimesConfigException.Create(path, line, "[[wasmc]] needs library = \"/path/to/lib...so\"");
            wasmc.Add(new WasmCEntry(library, Str(t, "name", lines, line, path), Str(t, "version", lines, line, path)));
        }
        foreach (var (t, line) in Entries(table, "cli", lines, path))
        {
            Check(t, CliKeys, "[[cli]]", lines, line, path);
            var name = Str(t, "name", lines, line, path) ?? throw RuntimesConfigException.Create(path, line, "[[cli]] needs name = \"...\"");
            cli.Add(new CliEntry
            {
                Name = name,
                Command = Str(t, "command", lines, line, path),
                VersionArgs = List(t, "version_args", lines, line, path),
                VersionPattern = Regex(t, lines, line, path),
                Run = List(t, "run", lines, line, path),
                Preopen = List(t, "preopen", lines, line, path),
                Env = List(t, "env", lines, line, path),
                Wasi = t.TryGetValue("wasi", out var w) ? w as bool? ?? throw RuntimesConfigException.Create(path, LineOf(lines, "wasi", line), "wasi must be true or false") : null,
                Install = Str(t, "install", lines, line, path),
                Wast = List(t, "wast", lines, line, path),
                Like = Str(t, "like", lines, line, path),
                Line = line,
            });
        }
        return new RuntimesConfig { Path = path, WasmC = wasmc, Cli = cli };
    }

    private static IEnumerable<(TomlTable Table, int Line)> Entries(TomlTable root, string key, string[] lines, string path)
    {
        if (!root.TryGetValue(key, out var v)) yield break;
        if (v is not TomlTableArray arr)
            throw RuntimesConfigException.Create(path, LineOf(lines, key, 0), $"'{key}' must be an array of tables: write [[{key}]]");
        var from = 0;
        foreach (var t in arr)
        {
            var line = LineOfHeader(lines, key, from);
            from = line;
            yield return (t, line);
        }
    }

    private static void Check(TomlTable t, HashSet<string> known, string section, string[] lines, int line, string path)
    {
        foreach (var k in t.Keys)
            if (!known.Contains(k))
                throw RuntimesConfigException.Create(path, LineOf(lines, k, line), $"unknown key '{k}' in {section} (known: {string.Join(", ", known.Order())})");
    }

    private static string? Str(TomlTable t, string key, string[] lines, int line, string path)
    {
        if (!t.TryGetValue(key, out var v)) return null;
        if (v is string s && s.Length > 0) return s;
        throw RuntimesConfigException.Create(path, LineOf(lines, key, line), $"{key} must be a non-empty string");
    }

    private static IReadOnlyList<string>? List(TomlTable t, string key, string[] lines, int line, string path)
    {
        if (!t.TryGetValue(key, out var v)) return null;
        if (v is TomlArray a && a.All(x => x is string)) return a.Cast<string>().ToList();
        throw RuntimesConfigException.Create(path, LineOf(lines, key, line), $"{key} must be an array of strings, e.g. [\"--version\"]");
    }

    private static string? Regex(TomlTable t, string[] lines, int line, string path)
    {
        var s = Str(t, "version_pattern", lines, line, path);
        if (s is null) return null;
        try
        {
            var r = new System.Text.RegularExpressions.Regex(s);
            if (r.GetGroupNumbers().Length < 2) throw new ArgumentException("it needs one capture group for the version");
        }
        catch (ArgumentException e)
        {
            throw RuntimesConfigException.Create(path, LineOf(lines, "version_pattern", line), $"version_pattern is not a usable regular expression: {e.Message}");
        }
        return s;
    }

    /// <summary>1-based line of [[key]] at or after line <paramref name="from"/> (1-based).</summary>
    private static int LineOfHeader(string[] lines, string key, int from)
    {
        for (var i = from; i < lines.Length; i++)
            if (lines[i].Trim().StartsWith($"[[{key}]]", StringComparison.Ordinal)) return i + 1;
        return Math.Max(1, from);
    }

    /// <summary>1-based line where <paramref name="key"/> is assigned, searching from the entry's header.</summary>
    private static int LineOf(string[] lines, string key, int from)
    {
        for (var i = Math.Max(0, from - 1); i < lines.Length; i++)
        {
            var l = lines[i].TrimStart();
            if (l.StartsWith(key, StringComparison.Ordinal) && l[key.Length..].TrimStart().StartsWith('=')) return i + 1;
            if (l.StartsWith($"[[{key}]]", StringComparison.Ordinal) || l.StartsWith($"[{key}]", StringComparison.Ordinal)) return i + 1;
        }
        return Math.Max(1, from);
    }
}
