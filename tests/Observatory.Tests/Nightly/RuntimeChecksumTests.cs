using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Core.Engines;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// Every build/runtimes/*.sh checks the sha256 before it unpacks, builds or declares anything: a download that
/// differs from its pin is refused with one line naming the URL and both digests, nothing lands in PREFIX, and
/// the runtime is declared not-installed. A source release whose digest matches is built and declared (wasm3,
/// with a stand-in source tree whose CMake project writes the executable: no compiler, no network).
/// </summary>
public class RuntimeChecksumTests
{
    [Theory]
    [InlineData("wasmtime.sh", "wasmtime", "wasmtime")]
    [InlineData("wasmer.sh", "wasmer", "wasmer")]
    [InlineData("wasmedge.sh", "wasmedge", "wasmedge")]
    [InlineData("wamr.sh", "wamr", "iwasm")]
    [InlineData("wazero.sh", "wazero", "wazero")]
    [InlineData("wasm3.sh", "wasm3", "wasm3")]
    public void A_download_that_differs_from_its_pin_is_refused_and_nothing_is_installed(string script, string runtime, string declared)
    {
        using var dir = new TempDirectory();
        var release = dir.Write("release.tar.gz", "not the release that was pinned");
        var pinned = new string('a', 64);

        var r = InstallScript.Run(dir, script, runtime, "file://" + release, pinned);

        Assert.True(r.ExitCode == 0, r.Stderr); // the nightly goes on without it
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"{declared}: not installed: sha256 mismatch for file://{release}: expected {pinned}, got {InstallScript.Sha256(release)}", line);
        Assert.False(Directory.Exists(InstallScript.Prefix(dir)) && Directory.EnumerateFileSystemEntries(InstallScript.Prefix(dir)).Any(),
            "something was installed into PREFIX");
        var fragment = File.ReadAllText(InstallScript.Fragment(dir, declared));
        Assert.Contains("not installed: sha256 mismatch", fragment);
        Assert.Contains($"(build/runtimes/{script})", fragment); // the hint names the script to rerun
        Assert.DoesNotContain("[[wasmc]]", fragment);
    }

    [Fact]
    public void A_source_release_matching_its_pin_is_built_and_declared()
    {
        using var dir = new TempDirectory();
        dir.Write(Path.Combine("stage", "wasm3-0.9.1", "CMakeLists.txt"), """
            cmake_minimum_required(VERSION 3.13)
            project(stand_in_wasm3 NONE)
            file(WRITE ${CMAKE_BINARY_DIR}/wasm3 "#!/bin/sh\necho 'Wasm3 v0.9.1 on x86_64'\n")
            execute_process(COMMAND chmod +x ${CMAKE_BINARY_DIR}/wasm3)
            """);
        var release = InstallScript.Tarball(dir, "wasm3-0.9.1");

        var r = InstallScript.Run(dir, "wasm3.sh", "wasm3", "file://" + release, InstallScript.Sha256(release));

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain("not installed", r.Stderr);
        var command = Path.Combine(InstallScript.Prefix(dir), "wasm3");
        Assert.True(File.Exists(command), r.Stdout);
        var engine = new RuntimeCliProvider()
            .Discover(new EngineEnvironment { RepositoryRoot = Repo.Root, RuntimesConfigPath = InstallScript.Fragment(dir, "wasm3") })
            .Select(e => e.Descriptor).Single(e => e.Family == "wasm3");
        Assert.Equal(EngineStatus.Ready, engine.Status);
        Assert.Equal("0.9.1", engine.Version);
    }
}
