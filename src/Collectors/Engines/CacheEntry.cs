namespace Observatory.Collectors.Engines;

/// <summary>
/// One entry of the engine cache (a directory or file named by a content hash) built at most once: a build writes a
/// temporary name beside the entry, which is renamed into place whole. A reader never sees half a build, and two
/// processes building the same entry both end with a whole one (the second rename fails; the first's is as good).
/// </summary>
public static class CacheEntry
{
    /// <summary>A temporary name beside <paramref name="target"/>, unique to this process and call.</summary>
    public static string TempName(string target) => $"{target}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";

    /// <summary>
    /// The directory <paramref name="target"/>, built by <paramref name="build"/> unless it holds <paramref name="product"/>
    /// already. <paramref name="build"/> gets an empty temporary directory to write and returns null when it is done,
    /// or why it could not build; a build without <paramref name="product"/> is a failure too. Returns the path of
    /// <paramref name="product"/> in <paramref name="target"/>, or null with the reason. The temporary directory never stays.
    /// </summary>
    public static string? Build(string target, string product, Func<string, string?> build, out string reason)
    {
        reason = "";
        var path = Path.Combine(target, product);
        if (File.Exists(path)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var tmp = TempName(target);
        Directory.CreateDirectory(tmp);
        try
        {
            if (build(tmp) is { } why) { reason = why; return null; }
            if (!File.Exists(Path.Combine(tmp, product)))
            {
                reason = $"the build of {target} did not write {product}";
                return null;
            }
            Publish(tmp, target);
            return path;
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    /// <summary>Moves a finished build directory into place; when another process got there first, its result is kept and ours removed.</summary>
    public static void Publish(string tmp, string target)
    {
        try
        {
            Directory.Move(tmp, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            TryDelete(tmp);
        }
    }

    /// <summary>Removes a directory tree if it is there; what cannot be removed stays (a temporary name is never reused).</summary>
    public static void TryDelete(string dir)
    {
        if (!Directory.Exists(dir)) return;
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
