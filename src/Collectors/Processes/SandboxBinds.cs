namespace Observatory.Collectors.Processes;

/// <summary>
/// Turns <see cref="SandboxMounts"/> into bubblewrap bind arguments, each path at its host
/// path (so command lines need no rewriting): parents before children, read-only paths that
/// are already visible (under /usr or under another bind) left out, writable ones always bound.
/// Missing paths are skipped (-try): the engine then reports the missing file as it would unsandboxed.
/// </summary>
internal static class SandboxBinds
{
    private static readonly string[] System = ["/usr", "/proc", "/dev"];

    public static IEnumerable<string> Arguments(SandboxMounts mounts)
    {
        var all = mounts.ReadOnly.Select(p => (Path: Normalize(p), Writable: false))
            .Concat(mounts.Writable.Select(p => (Path: Normalize(p), Writable: true)))
            .Where(m => m.Path != "/")
            .OrderBy(m => m.Path.Count(c => c == '/')).ThenByDescending(m => m.Writable).ThenBy(m => m.Path, StringComparer.Ordinal)
            .ToList();
        var bound = new List<string>();
        foreach (var (path, writable) in all)
        {
            if (bound.Contains(path)) continue;
            if (!writable && (System.Any(s => Under(path, s)) || bound.Any(b => Under(path, b)))) continue;
            bound.Add(path);
            yield return writable ? "--bind-try" : "--ro-bind-try";
            yield return path;
            yield return path;
        }
    }

    /// <summary>Whether a path is inside the sandbox's view (a bind or a system directory).</summary>
    public static bool Visible(SandboxMounts mounts, string path)
    {
        var p = Normalize(path);
        return System.Concat(mounts.ReadOnly).Concat(mounts.Writable).Any(m => Under(p, Normalize(m)));
    }

    private static string Normalize(string p)
    {
        var full = Path.GetFullPath(p);
        return full.Length > 1 ? full.TrimEnd('/') : full;
    }

    private static bool Under(string path, string dir) =>
        path == dir || path.StartsWith(dir == "/" ? "/" : dir + "/", StringComparison.Ordinal);
}
