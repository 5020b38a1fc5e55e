using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace Observatory.Core.Workloads;

/// <summary>
/// Reads the <c>[[regions]]</c> array of a workload.toml:
/// <code>
/// [[regions]]
/// name = "prefill"
/// unit = "tokens"
/// count = 'prompt=(\d+)'   # a regex with one group over the verified stdout, or an integer
/// </code>
/// Every problem names the file, the line and the column of the offending value.
/// </summary>
internal static class RegionParser
{
    private static readonly string[] Keys = ["name", "unit", "count"];

    public static IReadOnlyList<RegionDeclaration> Parse(TomlTable table, string text, string path)
    {
        if (!table.TryGetValue("regions", out var value)) return [];
        var lines = text.Split('\n');
        var headers = Enumerable.Range(0, lines.Length).Where(i => Regex.IsMatch(lines[i], @"^\s*\[\[\s*regions\s*\]\]")).ToList();
        var entries = value switch
        {
            TomlTableArray ta => ta.ToList(),
            TomlArray a when a.All(x => x is TomlTable) => a.Cast<TomlTable>().ToList(),
            _ => throw new ManifestException(path, WorkloadManifestLoader.LineOf(text, "regions"), 1,
                "regions must be an array of tables: [[regions]] name = \"...\" unit = \"...\" count = '...'"),
        };
        var list = new List<RegionDeclaration>();
        for (var k = 0; k < entries.Count; k++)
        {
            var e = entries[k];
            // Positions: the k-th [[regions]] header and the keys below it (TOML models carry no positions).
            var header = k < headers.Count ? headers[k] : WorkloadManifestLoader.LineOf(text, "regions") - 1;
            var end = k + 1 < headers.Count ? headers[k + 1] : NextTable(lines, header);
            ManifestException Error(string? key, string problem)
            {
                var (line, column) = key is null ? (header + 1, 1) : Position(lines, header, end, key);
                return new ManifestException(path, line, column, problem);
            }
            var where = $"region {k + 1}";
            foreach (var key in e.Keys)
                if (!Keys.Contains(key))
                    throw Error(key, $"unknown key '{key}' in [[regions]] ({where}; known: {string.Join(", ", Keys)})");
            if (!e.TryGetValue("name", out var n))
                throw Error(null, $"{where} has no name: every [[regions]] entry needs name = \"...\"");
            if (n is not string name || name.Trim().Length == 0)
                throw Error("name", $"the name of {where} must be a non-empty string");
            var dup = list.FirstOrDefault(x => x.Name == name);
            if (dup is not null)
                throw Error("name", $"region name '{name}' is used twice (also by the region declared on line {dup.Line}); names must be unique");
            string? unit = null;
            if (e.TryGetValue("unit", out var u))
            {
                if (u is not string us || us.Trim().Length == 0) throw Error("unit", $"the unit of region '{name}' must be a non-empty string (e.g. \"tokens\")");
                unit = us;
            }
            RegionCount? count = null;
            if (e.TryGetValue("count", out var c))
            {
                count = c switch
                {
                    long l when l > 0 => RegionCount.Fixed(l),
                    long l => throw Error("count", $"the count of region '{name}' must be positive, got {l}"),
                    string pattern => RegionCount.FromStdout(Pattern(pattern, name, Error)),
                    _ => throw Error("count", $"the count of region '{name}' must be an integer or a regex string with one group (e.g. 'prompt=(\\d+)')"),
                };
                if (unit is null)
                    throw Error("count", $"region '{name}' has a count but no unit: add unit = \"...\" (what is counted, e.g. \"tokens\")");
            }
            list.Add(new RegionDeclaration { Name = name, Unit = unit, Count = count, Line = header + 1 });
        }
        return list;
    }

    private static Regex Pattern(string pattern, string name, Func<string?, string, ManifestException> error)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw error("count", $"the count of region '{name}' is not a valid regex: {e.Message}");
        }
        var groups = regex.GetGroupNumbers().Length - 1;
        if (groups != 1)
            throw error("count", $"the count regex of region '{name}' must have exactly one group, the number (it has {groups}): e.g. 'prompt=(\\d+)'");
        return regex;
    }

    private static int NextTable(string[] lines, int header)
    {
        for (var i = header + 1; i < lines.Length; i++)
            if (Regex.IsMatch(lines[i], @"^\s*\[")) return i;
        return lines.Length;
    }

    /// <summary>1-based line and column of <paramref name="key"/>'s value between two lines; the header when absent.</summary>
    private static (int Line, int Column) Position(string[] lines, int from, int to, string key)
    {
        var pattern = new Regex(@"^(\s*""?" + Regex.Escape(key) + @"""?\s*=\s*)");
        for (var i = Math.Max(0, from); i < Math.Min(to, lines.Length); i++)
        {
            var m = pattern.Match(lines[i]);
            if (m.Success) return (i + 1, m.Groups[1].Length + 1);
        }
        return (from + 1, 1);
    }
}
