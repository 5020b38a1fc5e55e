using Observatory.Harness.Cli;

namespace Observatory.Harness.Corpus;

/// <summary>
/// Sightglass's benchmark directory: <c>benchmark.wasm</c>, with optional <c>*.input</c> files (the
/// module opens them from its working directory, which becomes the preopened root here),
/// <c>*.stdout.expected</c> and <c>*.stderr.expected</c> (at most one of each).
/// </summary>
public sealed record SightglassLayout(string Directory, string Module, IReadOnlyList<string> Inputs, string? StdoutExpected, string? StderrExpected)
{
    public const string ModuleFile = "benchmark.wasm";

    public static bool IsBenchmarkDirectory(string dir) => File.Exists(Path.Combine(dir, ModuleFile));

    /// <summary>Every benchmark directory at or below <paramref name="tree"/>, in path order; symlinked directories are not followed.</summary>
    public static IReadOnlyList<string> FindBelow(string tree) =>
        System.IO.Directory.EnumerateFiles(tree, ModuleFile, new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!)
            .Order(StringComparer.Ordinal).ToList();

    public static SightglassLayout Read(string dir)
    {
        var full = Path.GetFullPath(dir);
        string? One(string pattern)
        {
            var found = System.IO.Directory.GetFiles(full, pattern).Order(StringComparer.Ordinal).ToList();
            return found.Count switch
            {
                0 => null,
                1 => found[0],
                _ => throw new UsageException($"--wasm {dir}: {found.Count} files match {pattern} ({string.Join(", ", found.Select(Path.GetFileName))}); a benchmark directory has at most one"),
            };
        }
        return new SightglassLayout(full, Path.Combine(full, ModuleFile),
            System.IO.Directory.GetFiles(full, "*.input").Order(StringComparer.Ordinal).ToList(),
            One("*.stdout.expected"), One("*.stderr.expected"));
    }
}
