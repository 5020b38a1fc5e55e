using System.Text.Json.Nodes;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;
using Xunit;

namespace Observatory.Tests.Isa;

/// <summary>
/// The portability matrix over one queue, for real (two tiny workloads on x86_64 and aarch64 under qemu): every
/// cell once, each part with its own cells and CPU, and a workload's declared emulated input run by the
/// reference and by every cell alike, stored and shown as such.
/// </summary>
public class PortabilityQueueTests
{
    /// <summary>Fails (exit 3) on any input but "small": it agrees only where the emulated input reached it.</summary>
    private const string OnlySmall = """
        #include <stdio.h>
        #include <string.h>
        int main(int argc, char **argv) {
            if (argc < 2 || strcmp(argv[1], "small") != 0) { printf("wrong input %s\n", argc > 1 ? argv[1] : "(none)"); return 3; }
            printf("ran %s\n", argv[1]);
            return 0;
        }
        """;

    [Fact]
    public void The_queue_runs_every_cell_once_and_the_emulated_input_reaches_reference_and_cells()
    {
        using var tmp = new TempDirectory();
        var corpus = TestWorkloads.NewCorpus(tmp);
        TestWorkloads.Add(corpus, "sum", TestWorkloads.Sum, "[\"1000\"]");
        TestWorkloads.Add(corpus, "small", OnlySmall, "[\"big\"]\nemulated = [\"small\"]");
        var db = tmp.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(Repo.Root, "portability", "--workload-dir", corpus, "--arch", "x86_64,aarch64",
            "--engines", "native*,node-26*/default", "--json", "--db", db);
        Assert.True(r.ExitCode == 0, r.Error);
        var json = JsonNode.Parse(r.Out)!;
        var cells = json["cells"]!.AsArray();

        // Two variants on the reference, V8 on x86_64, native-aarch64 and V8 on aarch64: eight cells, each once, all agreeing.
        Assert.Equal(8, cells.Count);
        Assert.Equal(8, cells.Select(c => $"{c!["workload"]}/{c["variant"]}/{c["engine"]}").Distinct().Count());
        Assert.All(cells, c => Assert.True((string)c!["verdict"]! == "agree", c!.ToJsonString()));
        // The reference and every other cell ran "small" (any other input exits 3: wrong-output or no reference).
        Assert.All(cells.Where(c => (string)c!["workload"]! == "small"), c => Assert.Equal("emulated", (string)c!["inputProfile"]!));
        Assert.All(cells.Where(c => (string)c!["workload"]! == "sum"), c => Assert.Equal("quick", (string)c!["inputProfile"]!));

        // Every part keeps its line: cells, and the CPU of its own processes (V8 takes seconds of CPU to start under qemu).
        var parts = json["parts"]!.AsArray();
        Assert.Equal("reference", (string)parts[0]!["engine"]!);
        var node = parts.Single(p => (string)p!["isa"]! == "aarch64" && ((string)p["engine"]!).StartsWith("node-26", StringComparison.Ordinal))!;
        Assert.Equal(2, (int)node["cells"]!);
        Assert.True((double)node["cpuSeconds"]! > 0.5, node.ToJsonString());
        Assert.True((double)parts[0]!["cpuSeconds"]! < (double)node["cpuSeconds"]!, parts.ToJsonString());
        Assert.Contains("part aarch64 native-aarch64: 2 cells in ", r.Out + r.Error);

        using (var store = ObservatoryStore.Open(db, readOnly: true))
        {
            var stored = store.Query("SELECT engine_id, input_profile FROM portability WHERE workload = 'small' ORDER BY engine_id");
            Assert.Equal(4, stored.Count);
            Assert.All(stored, s => Assert.Equal("emulated", s["input_profile"]));
        }
        var site = tmp.Combine("site");
        var report = MeasurementFixture.Cli(Repo.Root, "report", "--db", db, "--out", site);
        Assert.True(report.ExitCode == 0, report.Error);
        var page = File.ReadAllText(Path.Combine(site, "architecture.html"));
        Assert.Contains("<td>small</td><td>O2</td><td>emulated</td>", page);
        Assert.Contains("except where marked <code>emulated</code> (1 of 2 workload variants)", page);
    }
}
