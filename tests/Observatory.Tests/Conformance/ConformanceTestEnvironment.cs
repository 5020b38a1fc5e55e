using Xunit;
using Observatory.Collectors.Engines;

namespace Observatory.Tests.Conformance;

/// <summary>Where the conformance tests find the repository, the shared spec suite, and a scratch directory.</summary>
internal static class ConformanceTestEnvironment
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>$OBSERVATORY_TESTSUITE, else ../shared/wasm-testsuite beside the repository.</summary>
    public static string SpecSuite
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("OBSERVATORY_TESTSUITE");
            var path = !string.IsNullOrEmpty(env) ? env : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "wasm-testsuite"));
            Assert.True(Directory.Exists(path), $"spec test suite not found at {path}: set OBSERVATORY_TESTSUITE to a checkout of WebAssembly/testsuite");
            return path;
        }
    }

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
