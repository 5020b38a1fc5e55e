using System.Text.Json.Nodes;
using Observatory.Collectors.Processes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// `run --no-sandbox` and a machine without bubblewrap ($OBSERVATORY_BWRAP at a missing path), as
/// a user sees them: the CLI as its own process, since the sandbox probe is cached per process.
/// </summary>
public class SandboxOptionTests
{
    private static ChildProcessResult Observatory(string root, IReadOnlyDictionary<string, string>? env, params string[] args) => ChildProcess.Run(new ChildProcessSpec
    {
        FileName = DotnetHost.Path,
        Arguments = [Path.Combine(AppContext.BaseDirectory, "observatory.dll"), .. args],
        Environment = new Dictionary<string, string>(env ?? new Dictionary<string, string>()) { ["OBSERVATORY_ROOT"] = root },
        Timeout = TimeSpan.FromMinutes(3),
    });

    [Fact]
    public void Without_bubblewrap_a_foreign_module_is_refused_unless_no_sandbox_is_given_and_the_protocol_says_how_engines_ran()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var wasm = Path.Combine(dir.Path, "empty.wasm");
        File.WriteAllBytes(wasm, global::Wasmtime.Module.ConvertText("""(module (memory (export "memory") 1) (func (export "_start")))"""));
        string[] run = ["run", "--wasm", wasm, "--engines", "wasmtime-*/cranelift", "--db", dir.Combine("o.duckdb"), "--no-overhead",
                        "--min-processes", "1", "--max-processes", "1", "--iterations", "1", "--json"];
        var missing = new Dictionary<string, string> { ["OBSERVATORY_BWRAP"] = dir.Combine("no-such-bwrap") };

        var refused = Observatory(root, missing, run);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("sandbox off: bubblewrap not found — apt-get install bubblewrap", refused.Stderr);
        Assert.Contains($"--wasm {wasm}: refusing to run a module from outside the corpus without the OS sandbox", refused.Stderr);
        Assert.Contains("pass --no-sandbox", refused.Stderr);

        var unsandboxed = Observatory(root, missing, [.. run, "--no-sandbox"]);
        Assert.True(unsandboxed.ExitCode == 0, unsandboxed.Stderr);
        Assert.Equal("off (--no-sandbox)", (string?)JsonNode.Parse(unsandboxed.Stdout)!["protocol"]!["sandbox"]);

        var sandboxed = Observatory(root, null, run);
        Assert.True(sandboxed.ExitCode == 0, sandboxed.Stderr);
        Assert.Equal("bubblewrap", (string?)JsonNode.Parse(sandboxed.Stdout)!["protocol"]!["sandbox"]);
    }

    [Fact]
    public void Without_bubblewrap_a_corpus_other_than_the_repositorys_is_refused_too()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var foreign = dir.Combine("their-corpus");
        Directory.CreateDirectory(foreign);
        TestWorkloads.Add(foreign, "sum", TestWorkloads.Sum, "[\"10\"]");
        var missing = new Dictionary<string, string> { ["OBSERVATORY_BWRAP"] = dir.Combine("no-such-bwrap") };

        var refused = Observatory(root, missing, "run", "--workload-dir", foreign, "--engines", "native", "--db", dir.Combine("o.duckdb"));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"--workload-dir {foreign}: refusing to run a module from outside the corpus without the OS sandbox", refused.Stderr);
        Assert.False(File.Exists(dir.Combine("o.duckdb")) && Directory.Exists(dir.Combine("runs")), "nothing was run or stored");
    }
}
