using System.Security.Cryptography;
using Observatory.Collectors.Processes;

namespace Observatory.Tests.Support;

/// <summary>
/// Runs one build/runtimes/*.sh against a pins file of one line, installing into the test's own directory
/// (PREFIX = DIR/prefix, fragments in DIR/fragments). Releases are local files: curl reads file:// URLs.
/// </summary>
public static class InstallScript
{
    public static string Prefix(TempDirectory dir) => dir.Combine("prefix");

    public static string Fragment(TempDirectory dir, string name) => dir.Combine("fragments", name + ".toml");

    public static ChildProcessResult Run(TempDirectory dir, string script, string runtime, string url, string sha256)
    {
        var pins = dir.Write("pins.tsv", $"{runtime}\t0.0.0\tany\t{url}\t{sha256}\n");
        return ChildProcess.Run(new ChildProcessSpec
        {
            FileName = "bash",
            Arguments = [Path.Combine(Repo.Root, "build", "runtimes", script)],
            Environment = new Dictionary<string, string> { ["PINS"] = pins, ["PREFIX"] = Prefix(dir), ["FRAGMENTS"] = dir.Combine("fragments") },
            Timeout = TimeSpan.FromMinutes(2),
        });
    }

    public static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    /// <summary>A gzipped tarball of DIR/stage/TOP, as a release would be.</summary>
    public static string Tarball(TempDirectory dir, string top)
    {
        var tarball = dir.Combine(top + ".tar.gz");
        var tar = ChildProcess.Run(new ChildProcessSpec { FileName = "tar", Arguments = ["-czf", tarball, "-C", dir.Combine("stage"), top] });
        Assert.True(tar.ExitCode == 0, tar.Stderr);
        return tarball;
    }
}
