using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The user named a suite (--testsuite or $OBSERVATORY_TESTSUITE) that is not there: an error, never a silent skip,
/// because the user asked for exactly that suite.
/// </summary>
public sealed class SuiteNotFoundException(string message) : Exception(message);

/// <summary>Where the spec suite was found, or why none was: which link of the chain answered.</summary>
public sealed record SuiteResolution
{
    /// <summary>The suite's directory, or null when no link of the chain produced one.</summary>
    public string? Root { get; init; }
    /// <summary>The link that answered: --testsuite, $OBSERVATORY_TESTSUITE, cache, clone, development copy; or none.</summary>
    public required string Source { get; init; }
    /// <summary>When <see cref="Root"/> is null: what each link of the chain said, on one line.</summary>
    public string? Reason { get; init; }
    public bool Found => Root is not null;
}

/// <summary>The links of the chain a user can influence, and the pinned upstream (tests point it at a local repository).</summary>
public sealed record SuiteSources
{
    public string? Option { get; init; }
    public string? EnvironmentValue { get; init; }
    /// <summary>results/testsuite: a previous fetch, and where a fetch goes.</summary>
    public required string CacheDirectory { get; init; }
    /// <summary>../shared/wasm-testsuite beside the repository: exists only on the project's development machines.</summary>
    public string? DevelopmentCopy { get; init; }
    public string UpstreamUrl { get; init; } = SuiteLocator.UpstreamUrl;
    public string PinnedCommit { get; init; } = SuiteLocator.PinnedCommit;
    public TimeSpan CloneTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The chain as the CLI sees it; $OBSERVATORY_TESTSUITE_URL replaces the upstream (a mirror, or a local repository).</summary>
    public static SuiteSources For(string? option, string repositoryRoot, string resultsDirectory, Func<string, string?> environment) => new()
    {
        Option = option,
        EnvironmentValue = environment(SuiteLocator.EnvironmentVariable),
        CacheDirectory = Path.Combine(resultsDirectory, "testsuite"),
        DevelopmentCopy = Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "wasm-testsuite")),
        UpstreamUrl = environment(SuiteLocator.UpstreamVariable) is { Length: > 0 } url ? url : SuiteLocator.UpstreamUrl,
    };
}

/// <summary>
/// Finds the spec test suite, a pinned dependency, by one chain: --testsuite PATH, $OBSERVATORY_TESTSUITE,
/// results/testsuite (a previous fetch), a shallow fetch of the pinned upstream commit into results/testsuite
/// (with a timeout, so an offline machine gives up quickly), and last ../shared/wasm-testsuite, a copy that
/// exists only on the project's development machines. A path the user named that is wrong is an error; when
/// nothing was named and no link answers, the result says why and how to get the suite, and the caller skips.
/// </summary>
public static class SuiteLocator
{
    public const string UpstreamUrl = "https://github.com/WebAssembly/testsuite.git";
    /// <summary>The commit the project pins (the same as the development copy, see its PROVENANCE.md).</summary>
    public const string PinnedCommit = "193e551ff22663995b1ac95dc62344133669e14b";
    public const string EnvironmentVariable = "OBSERVATORY_TESTSUITE";
    public const string UpstreamVariable = "OBSERVATORY_TESTSUITE_URL";
    public const string Chain = "--testsuite, $OBSERVATORY_TESTSUITE, results/testsuite, a git fetch of the pinned commit, ../shared/wasm-testsuite";

    public static SuiteResolution Resolve(SuiteSources s, TextWriter log)
    {
        if (!string.IsNullOrEmpty(s.Option))
            return Named("--testsuite", s.Option);
        if (!string.IsNullOrEmpty(s.EnvironmentValue))
            return Named("$" + EnvironmentVariable, s.EnvironmentValue);
        if (HasWast(s.CacheDirectory))
            return new SuiteResolution { Root = Path.GetFullPath(s.CacheDirectory), Source = "results/testsuite" };

        log.WriteLine($"no spec test suite given: fetching {s.UpstreamUrl} at {s.PinnedCommit[..12]} into {s.CacheDirectory} ...");
        var cloneError = TryClone(s.CacheDirectory, s.UpstreamUrl, s.PinnedCommit, s.CloneTimeout);
        if (cloneError is null && HasWast(s.CacheDirectory))
            return new SuiteResolution { Root = Path.GetFullPath(s.CacheDirectory), Source = "clone" };
        cloneError ??= "the fetched commit holds no .wast file";
        try { if (Directory.Exists(s.CacheDirectory)) Directory.Delete(s.CacheDirectory, true); } catch (IOException) { }

        if (s.DevelopmentCopy is not null && HasWast(s.DevelopmentCopy))
            return new SuiteResolution { Root = Path.GetFullPath(s.DevelopmentCopy), Source = "development copy" };

        return new SuiteResolution
        {
            Source = "none",
            Reason = $"--testsuite and ${EnvironmentVariable} not set, {s.CacheDirectory} empty, fetching the pinned commit failed ({cloneError})" +
                     (s.DevelopmentCopy is null ? "" : $", no development copy at {s.DevelopmentCopy}"),
        };
    }

    /// <summary>How to get the suite by hand: the exact commands for the pinned commit.</summary>
    public static string HowToGet(string cacheDirectory) =>
        $"git clone {UpstreamUrl} {cacheDirectory} && git -C {cacheDirectory} checkout {PinnedCommit}" +
        $"   (or pass --testsuite PATH / set ${EnvironmentVariable} to a checkout of WebAssembly/testsuite or the spec repository's test/core)";

    private static SuiteResolution Named(string link, string path)
    {
        if (!Directory.Exists(path))
            throw new SuiteNotFoundException($"{link} {path}: no such directory (the suite is looked for in this order: {Chain}; a path you name is used as given)");
        if (!HasWast(path))
            throw new SuiteNotFoundException($"{link} {path}: no .wast file under it; expected a checkout of WebAssembly/testsuite or the spec repository's test/core (order tried: {Chain})");
        return new SuiteResolution { Root = Path.GetFullPath(path), Source = link };
    }

    private static bool HasWast(string dir) =>
        Directory.Exists(dir) && Directory.EnumerateFiles(dir, "*.wast", SearchOption.AllDirectories).Any();

    private static string? TryClone(string dir, string url, string commit, TimeSpan timeout)
    {
        Directory.CreateDirectory(dir);
        var env = new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0" };
        string? Git(params string[] args)
        {
            var verb = args.First(a => a is "init" or "fetch" or "checkout");
            var r = ChildProcess.Run(new ChildProcessSpec { FileName = "git", Arguments = ["-C", dir, .. args], Timeout = timeout, Environment = env });
            if (r.TimedOut) return $"git {verb} timed out after {timeout.TotalSeconds:0} s";
            if (r.ExitCode == 127 && r.Stderr.StartsWith("cannot start", StringComparison.Ordinal)) return "git is not installed";
            return r.ExitCode == 0 ? null : $"git {verb}: {(r.Stderr + r.Stdout).Trim().Split('\n').Last()}";
        }
        return Git("init", "-q")
            ?? Git("-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=10", "fetch", "-q", "--depth", "1", url, commit)
            ?? Git("checkout", "-q", "FETCH_HEAD");
    }
}
