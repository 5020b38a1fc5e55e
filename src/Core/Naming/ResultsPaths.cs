namespace Observatory.Core.Naming;

/// <summary>
/// The one guard for paths the observatory writes or deletes (scratch, artifacts, bundles, the site):
/// they must lie strictly inside the results directory. Names are validated where they enter
/// (<see cref="PathName"/>); this is the second line, so no name crafted past the first can steer
/// a write or a recursive delete elsewhere.
/// </summary>
public static class ResultsPaths
{
    /// <summary>The full path of <paramref name="path"/>, or an <see cref="UnsafePathException"/> when it is not strictly under <paramref name="root"/>.</summary>
    public static string EnsureUnder(string root, string path)
    {
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnsafePathException($"refusing to write or delete {full}: it is not inside the results directory {fullRoot}");
        return full;
    }

    /// <summary>Deletes a directory tree under <paramref name="root"/> (checked first); a missing one is fine.</summary>
    public static void DeleteUnder(string root, string directory)
    {
        var full = EnsureUnder(root, directory);
        if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
    }
}

/// <summary>A path that would leave the results directory: a crafted name, never a bug to report.</summary>
public sealed class UnsafePathException(string message) : IOException(message);
