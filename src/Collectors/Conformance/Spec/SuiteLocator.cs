using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>No spec suite could be found or fetched; the message says exactly how to get one.</summary>
public sealed class SuiteNotFoundException(string message) : Exception(message);

/// <summary>
/// Finds the spec test suite: --testsuite PATH, else $OBSERVATORY_TESTSUITE, else the
/// observatory's own cache (results/testsuite), else a shallow clone of the pinned
/// upstream commit into that cache (with a short timeout, so an offline machine fails fast).
/// </summary>
public static class SuiteLocator
{
    public const string UpstreamUrl = "https://github.com/WebAssembly/testsuite.git";
    /// <summary>The commit the project pins (the same as ../shared/wasm-testsuite, see its PROVENANCE.md).</summary>
    public const string PinnedCommit = "193e551ff22663995b1ac95dc62344133669e14b";
    public const string EnvironmentVariable = "OBSERVATORY_TESTSUITE";

    public static string Resolve(string? option, string cacheDirectory, TextWriter log, TimeSpan? cloneTimeout = null)
    {
        if (!string.IsNullOrEmpty(option))
            return Directory.Exists(option) ? Path.GetFullPath(option)
                : throw new SuiteNotFoundException($"--testsuite {option}: no such directory");
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
            return Directory.Exists(env) ? Path.GetFullPath(env)
                : throw new SuiteNotFoundException($"${EnvironmentVariable}={env}: no such directory");
        if (Directory.Exists(cacheDirectory) && Directory.EnumerateFiles(cacheDirectory, "*.wast", SearchOption.AllDirectories).Any())
            return Path.GetFullPath(cacheDirectory);

        log.WriteLine($"no spec test suite given: cloning {UpstreamUrl} at {PinnedCommit[..12]} into {cacheDirectory} ...");
        var error = TryClone(cacheDirectory, cloneTimeout ?? TimeSpan.FromSeconds(30));
        if (error is null) return Path.GetFullPath(cacheDirectory);
        try { if (Directory.Exists(cacheDirectory)) Directory.Delete(cacheDirectory, true); } catch (IOException) { }
        throw new SuiteNotFoundException(
            $"no spec test suite found and cloning it failed ({error}). Get one in any of these ways:\n" +
            $"  observatory conformance --suite spec --testsuite PATH     (a checkout of WebAssembly/testsuite, or the spec repository's test/core)\n" +
            $"  export {EnvironmentVariable}=PATH\n" +
            $"  git clone {UpstreamUrl} {cacheDirectory} && git -C {cacheDirectory} checkout {PinnedCommit}");
    }

    private static string? TryClone(string dir, TimeSpan timeout)
    {
        Directory.CreateDirectory(dir);
        var env = new Dictionary<string, string> { ["GIT_TERMINAL_PROMPT"] = "0" };
        string? Git(params string[] args)
        {
            var verb = args.First(a => a is "init" or "fetch" or "checkout");
            var r = ChildProcess.Run(new ChildProcessSpec { FileName = "git", Arguments = ["-C", dir, .. args], Timeout = timeout, Environment = env });
            if (r.TimedOut) return $"git {verb} timed out after {timeout.TotalSeconds:0} s";
            return r.ExitCode == 0 ? null : $"git {verb}: {(r.Stderr + r.Stdout).Trim().Split('\n').Last()}";
        }
        return Git("init", "-q")
            ?? Git("-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=10", "fetch", "-q", "--depth", "1", UpstreamUrl, PinnedCommit)
            ?? Git("checkout", "-q", "FETCH_HEAD");
    }
}
