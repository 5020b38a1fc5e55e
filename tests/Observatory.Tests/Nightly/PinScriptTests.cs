using Observatory.Collectors.Processes;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// build/runtimes/pin.sh, the maintainer's re-check with network: it prints pins.tsv with each digest as served
/// (comments kept) and fails, naming the URL, when a download no longer matches its pin. Served from local files.
/// </summary>
public class PinScriptTests
{
    private static ChildProcessResult PinSh(string pins) => ChildProcess.Run(new ChildProcessSpec
    {
        FileName = "bash",
        Arguments = [Path.Combine(Repo.Root, "build", "runtimes", "pin.sh")],
        Environment = new Dictionary<string, string> { ["PINS"] = pins },
    });

    [Fact]
    public void A_download_that_no_longer_matches_its_pin_fails_the_check_and_is_named()
    {
        using var dir = new TempDirectory();
        var same = dir.Write("same.tar.gz", "the release as pinned");
        var changed = dir.Write("changed.tar.gz", "a release replaced after it was pinned");
        var wrong = new string('b', 64);
        var pins = dir.Write("pins.tsv", string.Join('\n',
            "# provenance of the first line",
            $"wazero\t1.0.0\tx86_64\tfile://{same}\t{InstallScript.Sha256(same)}",
            $"wazero\t1.0.0\taarch64\tfile://{changed}\t{wrong}",
            $"wasm3\t1.0.0\tany\tfile://{same}\tunpinned") + "\n");

        var r = PinSh(pins);

        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"pin.sh: file://{changed}: pinned {wrong}, downloaded {InstallScript.Sha256(changed)}", r.Stderr.Trim());
        Assert.Equal(string.Join('\n',
            "# provenance of the first line",
            $"wazero\t1.0.0\tx86_64\tfile://{same}\t{InstallScript.Sha256(same)}",
            $"wazero\t1.0.0\taarch64\tfile://{changed}\t{InstallScript.Sha256(changed)}",
            $"wasm3\t1.0.0\tany\tfile://{same}\t{InstallScript.Sha256(same)}"), r.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public void Downloads_that_match_every_pin_pass_the_check()
    {
        using var dir = new TempDirectory();
        var release = dir.Write("release.tar.gz", "the release as pinned");
        var pins = dir.Write("pins.tsv", $"wazero\t1.0.0\tany\tfile://{release}\t{InstallScript.Sha256(release)}\n");

        var r = PinSh(pins);

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Equal($"wazero\t1.0.0\tany\tfile://{release}\t{InstallScript.Sha256(release)}", r.Stdout.Trim());
    }
}
