using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Processes;
using Observatory.Harness.Cli;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;
using Xunit;

namespace Observatory.Tests.Conformance;

/// <summary>
/// The spec suite's resolution chain, link by link and in order: --testsuite, $OBSERVATORY_TESTSUITE,
/// results/testsuite, a git fetch of the pinned commit (from a real local repository), the development copy;
/// and the skip when none answers, through the CLI to the database and the report.
/// </summary>
public class SuiteLocatorTests
{
    private sealed class Chain : IDisposable
    {
        public TempDirectory Tmp { get; } = new();
        public string Option => Suite("option");
        public string Env => Suite("env");
        public string Cache => Tmp.Combine("results", "testsuite");
        public string Dev => Suite("dev");

        public string Suite(string name)
        {
            var dir = Tmp.Combine(name);
            if (!Directory.Exists(dir)) Tmp.Write(Path.Combine(name, "i32.wast"), "(module)\n");
            return dir;
        }

        /// <summary>A real git repository holding a suite; returns its URL and the commit to pin.</summary>
        public (string Url, string Commit) Upstream()
        {
            var repo = Tmp.Combine("upstream");
            Tmp.Write("upstream/nested/f32.wast", "(module)\n");
            Git(repo, "init", "-q");
            Git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", ".");
            Git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "suite");
            Git(repo, "config", "uploadpack.allowAnySHA1InWant", "true");
            return (repo, Git(repo, "rev-parse", "HEAD").Trim());
        }

        public SuiteSources Sources(string? option = null, string? env = null, string? dev = null, string? url = null, string? commit = null) => new()
        {
            Option = option, EnvironmentValue = env, CacheDirectory = Cache, DevelopmentCopy = dev,
            UpstreamUrl = url ?? Tmp.Combine("no-such-upstream"), PinnedCommit = commit ?? SuiteLocator.PinnedCommit,
            CloneTimeout = TimeSpan.FromSeconds(60),
        };

        public void Dispose() => Tmp.Dispose();
    }

    private static string Git(string dir, params string[] args)
    {
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = "git", Arguments = ["-C", dir, .. args], Timeout = TimeSpan.FromSeconds(60) });
        Assert.True(r.ExitCode == 0, $"git {string.Join(' ', args)}: {r.Stderr}");
        return r.Stdout;
    }

    private static SuiteResolution Resolve(SuiteSources s) => SuiteLocator.Resolve(s, TextWriter.Null);

    [Fact]
    public void The_option_comes_first()
    {
        using var c = new Chain();
        c.Suite("results/testsuite");
        var r = Resolve(c.Sources(option: c.Option, env: c.Env, dev: c.Dev));
        Assert.Equal(("--testsuite", c.Option), (r.Source, r.Root));
    }

    [Fact]
    public void The_environment_variable_comes_second()
    {
        using var c = new Chain();
        c.Suite("results/testsuite");
        var r = Resolve(c.Sources(env: c.Env, dev: c.Dev));
        Assert.Equal(("$OBSERVATORY_TESTSUITE", c.Env), (r.Source, r.Root));
    }

    [Fact]
    public void A_previous_fetch_in_results_testsuite_comes_third()
    {
        using var c = new Chain();
        c.Suite("results/testsuite");
        var r = Resolve(c.Sources(dev: c.Dev));
        Assert.Equal(("results/testsuite", c.Cache), (r.Source, r.Root));
    }

    [Fact]
    public void Then_a_fetch_of_the_pinned_commit_into_results_testsuite()
    {
        using var c = new Chain();
        var (url, commit) = c.Upstream();
        var r = Resolve(c.Sources(dev: c.Dev, url: url, commit: commit));
        Assert.Equal(("clone", c.Cache), (r.Source, r.Root));
        Assert.True(File.Exists(Path.Combine(c.Cache, "nested", "f32.wast")));
        Assert.Equal(commit, Git(c.Cache, "rev-parse", "HEAD").Trim());
        // The next resolution finds the fetch as a cache, without fetching again.
        Assert.Equal("results/testsuite", Resolve(c.Sources(dev: c.Dev)).Source);
    }

    [Fact]
    public void The_development_copy_comes_last_and_a_failed_fetch_leaves_no_half_cache()
    {
        using var c = new Chain();
        var r = Resolve(c.Sources(dev: c.Dev));
        Assert.Equal(("development copy", c.Dev), (r.Source, r.Root));
        Assert.False(Directory.Exists(c.Cache));
    }

    [Fact]
    public void With_no_link_the_result_says_why_and_how_to_get_the_suite()
    {
        using var c = new Chain();
        var r = Resolve(c.Sources(dev: c.Tmp.Combine("no-shared")));
        Assert.False(r.Found);
        Assert.Contains("--testsuite and $OBSERVATORY_TESTSUITE not set", r.Reason);
        Assert.Contains(c.Cache, r.Reason);
        Assert.Contains("fetching the pinned commit failed (git fetch:", r.Reason);
        Assert.Contains("no development copy at " + c.Tmp.Combine("no-shared"), r.Reason);
        var how = SuiteLocator.HowToGet(c.Cache);
        Assert.Contains($"git clone {SuiteLocator.UpstreamUrl} {c.Cache} && git -C {c.Cache} checkout {SuiteLocator.PinnedCommit}", how);
    }

    [Theory]
    [InlineData("option")]
    [InlineData("env")]
    public void A_named_path_that_is_wrong_is_an_error_naming_it_and_the_chain(string link)
    {
        using var c = new Chain();
        var missing = c.Tmp.Combine("missing");
        var s = link == "option" ? c.Sources(option: missing, env: c.Env, dev: c.Dev) : c.Sources(env: missing, dev: c.Dev);
        var e = Assert.Throws<SuiteNotFoundException>(() => Resolve(s));
        Assert.StartsWith(link == "option" ? $"--testsuite {missing}: no such directory" : $"$OBSERVATORY_TESTSUITE {missing}: no such directory", e.Message);
        Assert.Contains(SuiteLocator.Chain, e.Message);

        Directory.CreateDirectory(missing);
        e = Assert.Throws<SuiteNotFoundException>(() => Resolve(s));
        Assert.Contains("no .wast file under it", e.Message);
    }

    private static (int Code, string Out, string Err) Cli(string root, Dictionary<string, string> env, params string[] args) =>
        MeasurementFixture.Cli(root, n => env.GetValueOrDefault(n), args) is var r ? (r.ExitCode, r.Out, r.Error) : default;

    [Fact]
    public void Without_any_suite_the_command_skips_with_one_warning_stores_the_skip_and_the_report_says_why()
    {
        using var tmp = new TempDirectory();
        var root = tmp.Combine("repo");
        Directory.CreateDirectory(root);
        var db = tmp.Combine("o.duckdb");
        var env = new Dictionary<string, string> { [SuiteLocator.UpstreamVariable] = tmp.Combine("no-such-upstream") };

        var (code, stdout, stderr) = Cli(root, env, "conformance", "--suite", "spec", "--db", db, "--json");
        Assert.True(code == 0, stderr + stdout);
        var warning = Assert.Single(stderr.Split('\n'), l => l.StartsWith("warning:", StringComparison.Ordinal));
        Assert.Contains("spec conformance skipped", warning);
        Assert.Contains($"git -C {Path.Combine(root, "results", "testsuite")} checkout {SuiteLocator.PinnedCommit}", warning);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("skipped", (string?)json["status"]);

        using (var store = ObservatoryStore.Open(db, readOnly: true))
        {
            var run = Assert.Single(store.Query("SELECT suite, status, reason FROM conformance_runs"));
            Assert.Equal(("spec", "skipped"), ((string)run["suite"]!, (string)run["status"]!));
            Assert.Contains("fetching the pinned commit failed", (string)run["reason"]!);
        }

        var site = tmp.Combine("site");
        (code, _, stderr) = Cli(root, env, "report", "--db", db, "--out", site);
        Assert.True(code == 0, stderr);
        var html = File.ReadAllText(Path.Combine(site, "index.html"));
        Assert.Contains("data-suite-skipped=\"spec\"", html);
        Assert.Contains("did not run the WebAssembly spec test suite", html);
        Assert.Contains(SuiteLocator.PinnedCommit, html);
    }

    [Fact]
    public void A_wrong_environment_variable_fails_the_command_naming_the_path()
    {
        using var tmp = new TempDirectory();
        var env = new Dictionary<string, string> { [SuiteLocator.EnvironmentVariable] = tmp.Combine("nowhere") };
        var (code, _, stderr) = Cli(tmp.Path, env, "conformance", "--suite", "spec", "--db", tmp.Combine("o.duckdb"));
        Assert.Equal(1, code);
        Assert.Contains($"$OBSERVATORY_TESTSUITE {tmp.Combine("nowhere")}: no such directory", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
