namespace Observatory.Collectors.Processes;

/// <summary>
/// The live descendants of a process, from /proc/PID/stat parent links (this kernel has no
/// /proc/PID/task/TID/children). A sandboxed engine is bwrap's grandchild: its peak RSS is
/// read from the descendants, not from bwrap itself.
/// </summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
                var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(rest[1]);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            catch (FormatException) { }
            catch (ArgumentOutOfRangeException) { }
        }
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var p))
            foreach (var (child, parent) in parents)
                if (parent == p && !found.Contains(child)) { found.Add(child); frontier.Enqueue(child); }
        return found;
    }
}
