using Observatory.Core.Naming;
using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;

namespace Observatory.Core.Workloads;

/// <summary>
/// Reads workload.toml files. Every problem becomes a <see cref="ManifestException"/>
/// naming the file and the line of the offending key, so a user can fix it without guessing.
/// </summary>
public static class WorkloadManifestLoader
{
    public const string FileName = "workload.toml";

    /// <summary>Upper bound of a burst variant's requests per iteration (each one a fresh instance).</summary>
    public const int MaxRequests = 100_000;

    private static readonly HashSet<string> TopLevelKeys =
        ["name", "category", "language", "description", "sources", "tags", "variants", "profiles", "stdin", "expect", "wasi", "native", "build", "program", "sampling", "regions"];

    /// <summary>Loads every workloads/*/workload.toml under <paramref name="root"/>, sorted by name.</summary>
    public static IReadOnlyList<WorkloadManifest> LoadAll(string root)
    {
        if (!System.IO.Directory.Exists(root))
            throw new DirectoryNotFoundException($"workload directory '{root}' does not exist");
        var list = new List<WorkloadManifest>();
        foreach (var dir in System.IO.Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, FileName);
            if (File.Exists(path)) list.Add(Load(path));
        }
        var dup = list.GroupBy(w => w.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
            throw new ManifestException(dup.Last().ManifestPath, LineOf(File.ReadAllText(dup.Last().ManifestPath), "name"), 1,
                $"workload name '{dup.Key}' is also used by {dup.First().ManifestPath}");
        return list;
    }

    public static WorkloadManifest Load(string path)
    {
        var text = File.ReadAllText(path);
        return Parse(text, path);
    }

    public static WorkloadManifest Parse(string text, string path)
    {
        TomlTable table;
        try
        {
            table = TomlSerializer.Deserialize<TomlTable>(text)
                ?? throw new ManifestException(path, 1, 1, "empty manifest");
        }
        catch (TomlException e)
        {
            var line = e.Line is > 0 ? e.Line.Value : 1;
            var col = e.Column is > 0 ? e.Column.Value : 1;
            var msg = e.Diagnostics is { Count: > 0 } d ? d[0].Message : e.Message;
            throw new ManifestException(path, line, col, $"invalid TOML: {msg}");
        }

        var r = new Reader(table, text, path);
        foreach (var key in table.Keys)
            if (!TopLevelKeys.Contains(key))
                throw r.Error(key, $"unknown key '{key}' (known: {string.Join(", ", TopLevelKeys.Order())})");

        var name = r.RequiredString("name");
        if (!Regex.IsMatch(name, "^[a-z0-9][a-z0-9._-]*$") || !PathName.IsValid(name))
            throw r.Error("name", $"name '{name}' must be lower-case letters, digits, '.', '_' or '-', without '..', at most 100 characters");
        var category = r.RequiredString("category");
        if (!WorkloadManifest.Categories.Contains(category))
            throw r.Error("category", $"category '{category}' is not one of {string.Join(" | ", WorkloadManifest.Categories)}");
        var language = r.RequiredString("language");
        if (!WorkloadManifest.Languages.Contains(language))
            throw r.Error("language", $"language '{language}' is not one of {string.Join(" | ", WorkloadManifest.Languages)}");

        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        var sources = r.StringList(table, "sources");
        if (sources.Count == 0)
            throw r.Error("sources", "sources must list at least one file");
        // Third-party sources (under node_modules) arrive at set-up; the build reports them if missing.
        foreach (var s in sources)
            if (!s.Contains("node_modules/", StringComparison.Ordinal) && !File.Exists(System.IO.Path.Combine(dir, s)))
                throw r.Error("sources", $"source file '{s}' does not exist in {dir}");

        var stdin = r.OptionalString("stdin");
        if (stdin is not null && !File.Exists(System.IO.Path.Combine(dir, stdin)))
            throw r.Error("stdin", $"stdin file '{stdin}' does not exist in {dir}");

        var expect = ParseExpect(r);
        var variants = ParseVariants(r, table);
        var profiles = ParseProfiles(r, table);
        var sampling = WorkloadSampling.Parse(table, text, path);
        var regions = RegionParser.Parse(table, text, path);

        return new WorkloadManifest
        {
            Name = name,
            Category = category,
            Language = language,
            Directory = dir,
            ManifestPath = System.IO.Path.GetFullPath(path),
            Description = r.OptionalString("description") ?? "",
            Sources = sources,
            Tags = r.StringList(table, "tags"),
            Variants = variants,
            ProfileArgs = profiles,
            Sampling = sampling,
            StdinFile = stdin,
            Program = r.OptionalString("program"),
            Expected = expect,
            UsesWasi = r.OptionalBool("wasi") ?? true,
            HasNative = r.OptionalBool("native") ?? language != "wasm",
            Regions = regions,
        };
    }

    private static ExpectedOutput ParseExpect(Reader r)
    {
        var expect = r.OptionalString("expect") ?? "native";
        if (expect == "native") return ExpectedOutput.SameAsNative;
        var m = Regex.Match(expect, "^sha256:([0-9a-f]{64})$");
        if (!m.Success)
            throw r.Error("expect", $"expect must be \"native\" or \"sha256:<64 lower-case hex digits>\", got \"{expect}\"");
        return new ExpectedOutput(m.Groups[1].Value);
    }

    private static List<WorkloadVariant> ParseVariants(Reader r, TomlTable table)
    {
        var list = new List<WorkloadVariant>();
        if (!table.TryGetValue("variants", out var v))
            return [new WorkloadVariant { Name = "O2", Flags = ["-O2"] }];
        if (v is not TomlTable vt)
            throw r.Error("variants", "variants must be a table: [variants.NAME] flags = [...]");
        foreach (var (vname, body) in vt)
        {
            if (!PathName.IsValid(vname))
                throw r.Error(vname, $"variant name '{vname}' must be {PathName.Rule} (it names directories)");
            if (body is not TomlTable b)
                throw r.Error(vname, $"variant '{vname}' must be a table");
            foreach (var k in b.Keys)
                if (k is not ("flags" or "wasm_flags" or "native_flags" or "wizer" or "requests"))
                    throw r.Error(k, $"unknown key '{k}' in [variants.{vname}] (known: flags, wasm_flags, native_flags, wizer, requests)");
            if (b.TryGetValue("wizer", out var wz) && wz is not bool)
                throw r.Error("wizer", $"'wizer' in [variants.{vname}] must be true or false");
            int? requests = null;
            if (b.TryGetValue("requests", out var rq))
            {
                if (rq is not long n || n < 1 || n > MaxRequests)
                    throw r.Error("requests", $"'requests' in [variants.{vname}] must be an integer from 1 to {MaxRequests} (fresh instances per iteration), got {rq}");
                requests = (int)n;
            }
            list.Add(new WorkloadVariant
            {
                Name = vname,
                Flags = r.StringList(b, "flags"),
                WasmFlags = r.StringList(b, "wasm_flags"),
                NativeFlags = r.StringList(b, "native_flags"),
                Wizer = b.TryGetValue("wizer", out var w) && w is true,
                Requests = requests,
            });
        }
        if (list.Count == 0) throw r.Error("variants", "variants must define at least one variant");
        return list;
    }

    private static Dictionary<string, IReadOnlyList<string>> ParseProfiles(Reader r, TomlTable table)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>();
        if (!table.TryGetValue("profiles", out var p)) return result;
        if (p is not TomlTable pt)
            throw r.Error("profiles", "profiles must be a table: [profiles] quick = [\"args\"]");
        foreach (var (pname, body) in pt)
        {
            if (pname == WorkloadManifest.EmulatedProfile)
            {
                var args = r.StringList(pt, pname);
                if (args.Count == 0)
                    throw r.Error(pname, $"'{pname}' in [profiles] must be a non-empty array of strings: the arguments of the smaller input the portability matrix runs under emulation");
                result[pname] = args;
                continue;
            }
            if (!WorkloadManifest.ProfileNames.Contains(pname))
                throw r.Error(pname, $"unknown profile '{pname}' (known: {string.Join(", ", WorkloadManifest.ProfileNames.Append(WorkloadManifest.EmulatedProfile))})");
            result[pname] = r.StringList(pt, pname);
        }
        return result;
    }

    /// <summary>Finds the line where a key is written; TOML models carry no positions, the text does.</summary>
    internal static int LineOf(string text, string key)
    {
        var lines = text.Split('\n');
        var pattern = new Regex(@"^\s*(\[+\s*)?([A-Za-z0-9_.-]+\.)?""?" + Regex.Escape(key) + @"""?\s*(=|\])");
        for (var i = 0; i < lines.Length; i++)
            if (pattern.IsMatch(lines[i])) return i + 1;
        return 1;
    }

    private sealed class Reader(TomlTable table, string text, string path)
    {
        public ManifestException Error(string key, string problem) => new(path, LineOf(text, key), 1, problem);

        public string RequiredString(string key)
        {
            if (!table.TryGetValue(key, out var v))
                throw new ManifestException(path, 1, 1, $"missing required key '{key}'");
            if (v is not string s || s.Length == 0)
                throw Error(key, $"'{key}' must be a non-empty string");
            return s;
        }

        public string? OptionalString(string key)
        {
            if (!table.TryGetValue(key, out var v)) return null;
            return v as string ?? throw Error(key, $"'{key}' must be a string");
        }

        public bool? OptionalBool(string key)
        {
            if (!table.TryGetValue(key, out var v)) return null;
            return v is bool b ? b : throw Error(key, $"'{key}' must be true or false");
        }

        public IReadOnlyList<string> StringList(TomlTable t, string key)
        {
            if (!t.TryGetValue(key, out var v)) return [];
            if (v is not TomlArray a)
                throw Error(key, $"'{key}' must be an array of strings");
            var list = new List<string>();
            foreach (var item in a)
            {
                if (item is string s) list.Add(s);
                else if (item is long or double) list.Add(Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture)!);
                else throw Error(key, $"'{key}' must be an array of strings");
            }
            return list;
        }
    }
}
