using System.Security.Cryptography;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Core.Engines;
using Observatory.Collectors.Processes;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// build/runtimes/*.sh: nothing is installed before its sha256 matches the pin, and a runtime that cannot be
/// installed is declared not-installed with the reason, which `observatory runtimes` then shows. Releases are
/// served from a local file (curl reads file:// URLs as it reads https ones): no network here.
/// </summary>
public class RuntimeInstallTests
{
    /// <summary>A "wazero release": a tarball holding a wazero script that prints a version.</summary>
    private static (string Url, string Sha256) FakeRelease(TempDirectory dir)
    {
        var stage = dir.Combine("release");
        Directory.CreateDirectory(stage);
        var exe = Path.Combine(stage, "wazero");
        File.WriteAllText(exe, "#!/bin/sh\necho v1.9.0\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(exe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var tarball = dir.Combine("wazero.tar.gz");
        var tar = ChildProcess.Run(new ChildProcessSpec { FileName = "tar", Arguments = ["-czf", tarball, "-C", stage, "wazero"] });
        Assert.Equal(0, tar.ExitCode);
        return ("file://" + tarball, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tarball))));
    }

    private static ChildProcessResult Install(TempDirectory dir, string url, string sha)
    {
        var pins = dir.Write("pins.tsv", $"wazero\t1.9.0\tany\t{url}\t{sha}\n");
        return ChildProcess.Run(new ChildProcessSpec
        {
            FileName = "bash",
            Arguments = [Path.Combine(Repo.Root, "build", "runtimes", "wazero.sh")],
            Environment = new Dictionary<string, string> { ["PINS"] = pins, ["PREFIX"] = dir.Combine("prefix"), ["FRAGMENTS"] = dir.Combine("fragments") },
        });
    }

    /// <summary>What `observatory runtimes` would list for the runtimes config the script wrote.</summary>
    private static IReadOnlyList<EngineDescriptor> Declared(string runtimesToml) =>
        new RuntimeCliProvider().Discover(new EngineEnvironment { RepositoryRoot = Repo.Root, RuntimesConfigPath = runtimesToml })
            .Select(e => e.Descriptor).ToList();

    private static EngineDescriptor Wazero(string runtimesToml) => Declared(runtimesToml).Single(e => e.Family == "wazero");

    [Fact]
    public void A_release_matching_its_pin_is_installed_and_declared()
    {
        using var dir = new TempDirectory();
        var (url, sha) = FakeRelease(dir);
        var r = Install(dir, url, sha);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.True(File.Exists(dir.Combine("prefix", "wazero")));
        var fragment = File.ReadAllText(dir.Combine("fragments", "wazero.toml"));
        Assert.Contains($"command = \"{dir.Combine("prefix", "wazero")}\"", fragment);
        var engine = Wazero(dir.Combine("fragments", "wazero.toml"));
        Assert.Equal(EngineStatus.Ready, engine.Status);
        Assert.Equal("1.9.0", engine.Version);
    }

    [Theory]
    [InlineData("mismatch", "sha256 mismatch")]
    [InlineData("unpinned", "no sha256 pinned")]
    [InlineData("missing-file", "download of")]
    public void A_release_that_fails_its_check_is_not_installed_and_says_why(string fault, string reason)
    {
        using var dir = new TempDirectory();
        var (url, sha) = FakeRelease(dir);
        (url, sha) = fault switch
        {
            "mismatch" => (url, new string('0', 64)),
            "unpinned" => (url, "unpinned"),
            _ => (url + ".gone", sha),
        };
        var r = Install(dir, url, sha);
        Assert.True(r.ExitCode == 0, r.Stderr); // the nightly goes on without it
        Assert.Contains(reason, r.Stderr);
        Assert.False(File.Exists(dir.Combine("prefix", "wazero")));
        var engine = Wazero(dir.Combine("fragments", "wazero.toml"));
        Assert.Equal(EngineStatus.NotInstalled, engine.Status);
        Assert.Contains(reason, engine.Reason);
    }

    [Fact]
    public void Like_drives_a_second_build_as_a_built_in_runtime_and_an_unknown_one_is_named()
    {
        using var dir = new TempDirectory();
        var (url, sha) = FakeRelease(dir);
        Assert.Equal(0, Install(dir, url, sha).ExitCode);
        var toml = dir.Write("ab.toml", $"[[cli]]\nname = \"wazero-head\"\nlike = \"wazero\"\ncommand = \"{dir.Combine("prefix", "wazero")}\"\n");
        var head = Declared(toml).Single(e => e.Family == "wazero-head");
        Assert.Equal(EngineStatus.Ready, head.Status);
        Assert.Equal("1.9.0", head.Version);

        var bad = dir.Write("bad.toml", "[[cli]]\nname = \"x\"\nlike = \"nope\"\ncommand = \"/bin/true\"\n");
        var e = Assert.ThrowsAny<Exception>(() => Declared(bad));
        Assert.Contains($"{bad}:1", e.Message);
        Assert.Contains("like = \"nope\" is not a built-in runtime", e.Message);
    }
}
