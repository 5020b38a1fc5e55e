using Xunit;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;

namespace Observatory.Tests.Conformance;

/// <summary>Where the conformance tests find the repository, the shared spec suite, and a scratch directory.</summary>
internal static class ConformanceTestEnvironment
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// The official spec suite, found as the CLI finds it (<see cref="SuiteLocator"/>): $OBSERVATORY_TESTSUITE,
    /// results/testsuite (the main job's fetch), a fetch of the pinned commit into it, ../shared/wasm-testsuite
    /// (development machines only). Resolved once per test run; without any, each test that reads the suite
    /// fails with what every link said and how to get it.
    /// </summary>
    public static string SpecSuite
    {
        get
        {
            var s = Suite.Value;
            Assert.True(s.Found, $"no spec test suite: {s.Reason}; get it with: {SuiteLocator.HowToGet(Sources.CacheDirectory)}");
            return s.Root!;
        }
    }

    private static readonly SuiteSources Sources = SuiteSources.For(null, RepositoryRoot, Path.Combine(RepositoryRoot, "results"), Environment.GetEnvironmentVariable);

    private static readonly Lazy<SuiteResolution> Suite = new(() =>
    {
        try
        {
            return SuiteLocator.Resolve(Sources, TextWriter.Null);
        }
        catch (SuiteNotFoundException e)
        {
            return new SuiteResolution { Source = "none", Reason = e.Message };
        }
    });

    public static EngineEnvironment Engines => new() { RepositoryRoot = RepositoryRoot };

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Observatory.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository root (Observatory.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "obs-conf-" + Guid.NewGuid().ToString("N")[..10]);

    public TempDir() => Directory.CreateDirectory(Path);

    public string Write(string relative, string text)
    {
        var p = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
