using System.Text.Json.Nodes;
using Xunit;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Isa;

/// <summary>The WASI programs on an emulated 32-bit ISA: what qemu-user would distort is kept out of the result.</summary>
public class WasiPerIsaTests
{
    [Fact]
    public void Readdir_on_armv7l_lists_every_entry()
    {
        // Under qemu-user on ext4 the 32-bit guest's telldir() truncates the host's 64-bit directory cookies and
        // node:wasi dropped two of the three files; the runner copies an emulated 32-bit engine's directories to tmpfs.
        using var tmp = new TempDirectory();
        var r = MeasurementFixture.Cli(Repo.Root, "conformance", "--suite", "wasi", "--arch", "armv7l", "--engines", "node-20.11.0-armv7l/default",
            "--files", "*readdir_list*", "--json", "--db", tmp.Combine("o.duckdb"));
        Assert.True(r.ExitCode == 0, r.Error);
        var engine = JsonNode.Parse(r.Out)!["engines"]!.AsArray().Single()!;
        Assert.Equal("node-20.11.0-armv7l/default", (string)engine["engine"]!);
        Assert.True((int)engine["passed"]! == 1, r.Out);
    }
}
