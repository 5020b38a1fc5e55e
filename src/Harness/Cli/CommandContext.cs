using Observatory.Collectors.Engines;

namespace Observatory.Harness.Cli;

/// <summary>
/// Where the observatory lives and writes: the repository root (workloads/, node_modules/),
/// the default database and site locations, and the console streams.
/// </summary>
public sealed class CommandContext
{
    public required string RepositoryRoot { get; init; }
    public TextWriter Out { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;
    /// <summary>How commands read environment variables ($OBSERVATORY_TESTSUITE, ...): tests give each run its own.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public string ResultsDirectory => Path.Combine(RepositoryRoot, "results");
    public string DefaultDatabase => Path.Combine(ResultsDirectory, "observatory.duckdb");
    public string DefaultSite => Path.Combine(ResultsDirectory, "site");
    public string ArtifactsDirectory => Path.Combine(ResultsDirectory, "artifacts");
    /// <summary>
    /// Where a run's bundles go: runs/ beside its database. For the default database that is results/runs;
    /// with --db elsewhere nothing is written into the repository's results/.
    /// </summary>
    public string RunsDirectoryFor(string database) => Path.Combine(DatabaseDirectory(database), "runs");

    /// <summary>A run's scratch (guest preopens, outputs): scratch/ beside its database, like its bundles.</summary>
    public string ScratchDirectoryFor(string database) => Path.Combine(DatabaseDirectory(database), "scratch");

    private static string DatabaseDirectory(string database) => Path.GetDirectoryName(Path.GetFullPath(database))!;

    public string WorkloadsDirectory => Path.Combine(RepositoryRoot, "workloads");

    public EngineEnvironment EngineEnvironment => new() { RepositoryRoot = RepositoryRoot };

    /// <summary>
    /// The repository root: $OBSERVATORY_ROOT, else the nearest ancestor of the working
    /// directory (then of the tool itself) that holds workloads/ and Observatory.sln.
    /// </summary>
    public static string FindRepositoryRoot()
    {
        var env = Environment.GetEnvironmentVariable("OBSERVATORY_ROOT");
        if (!string.IsNullOrEmpty(env)) return Path.GetFullPath(env);
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Observatory.sln")) && Directory.Exists(Path.Combine(d.FullName, "workloads")))
                    return d.FullName;
        }
        return Environment.CurrentDirectory;
    }
}
