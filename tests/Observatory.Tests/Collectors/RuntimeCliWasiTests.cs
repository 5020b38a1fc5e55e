using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wasi;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Observatory.Tests.Support;

namespace Observatory.Tests.Collectors;

/// <summary>
/// Runtime CLIs as WASI hosts and spec engines, with real programs: a shell standing in for a
/// runtime (to see its working directory and stderr), Node's node-wasi-cli.mjs with and without
/// --env/--dir in its template, and binaryen's wasm-shell as a CLI with its own .wast runner.
/// </summary>
public sealed class RuntimeCliWasiTests : IDisposable
{
    private static EngineTestBed Bed => EngineTestBed.Shared;
    private readonly TempDirectory temp = new();

    private EngineEnvironment EnvWith(string toml) => Bed.Env with { RuntimesConfigPath = temp.Write("runtimes-" + Guid.NewGuid().ToString("N")[..6] + ".toml", toml) };

    private IEngine Cli(string toml, string name) => new RuntimeCliProvider().Discover(EnvWith(toml)).Single(e => e.Descriptor.Family == name);

    [Fact]
    public void A_cli_runs_in_an_empty_directory_of_its_own_and_its_stderr_is_kept_where_the_wasi_runner_reads_it()
    {
        var engine = Cli("""
            [[cli]]
            name = "shcli"
            command = "sh"
            version_args = ["-c", "echo shcli 1.0.0"]
            run = ["-c", "pwd; ls -A; echo guest-said-this >&2", "sh", "{wasm}"]
            """, "shcli");
        Assert.True(engine.Descriptor.Status == EngineStatus.Ready, engine.Descriptor.Reason);
        var data = temp.Combine("data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "input.txt"), "x");
        var scratch = temp.Combine("run");
        var r = engine.Run(new EngineInvocation
        {
            ArtifactPath = Bed.ProbeWasm, ScratchDirectory = scratch, Iterations = 1, Timeout = TimeSpan.FromSeconds(60),
            Preopens = [new DirectoryMapping(data, "/")],
        });
        var it = Assert.Single(r.Iterations);
        Assert.True(it.Outcome == Outcome.Ok, it.Message);
        // One line: pwd's. ls -A printed nothing, so the directory was empty.
        var cwd = Assert.Single(File.ReadAllText(it.StdoutPath!).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.NotEqual(Path.GetFullPath(data), cwd); // never the preopen's host directory
        Assert.StartsWith(Path.GetFullPath(scratch), cwd);
        Assert.Equal("guest-said-this\n", File.ReadAllText(Path.Combine(scratch, "stderr-0.txt")));
    }

    private static string NodeCli(string name, bool env, bool dirs) => $$"""
        [[cli]]
        name = "{{name}}"
        command = "node"
        version_pattern = 'v(\d+\.\d+\.\d+)'
        run = ["--no-warnings", "{{Path.Combine(Bed.Env.DriverDirectory, "node-wasi-cli.mjs")}}", {{(dirs ? "\"{preopens}\", " : "")}}{{(env ? "\"{env}\", " : "")}}"{wasm}", "{args}"]
        preopen = ["--dir", "{host}::{guest}"]
        env = ["--env", "{name}={value}"]
        """;

    [Fact]
    public void A_wasi_test_a_cli_cannot_express_is_unsupported_with_the_reason_and_one_it_can_runs()
    {
        var sidecar = temp.Write("probe.json", "{}");
        var fs = temp.Combine("fs");
        Directory.CreateDirectory(fs);
        var test = new WasiTestCase
        {
            Name = "probe", WasmPath = Bed.ProbeWasm, SidecarPath = sidecar, Args = [.. Bed.ProbeArgs],
            Environment = new Dictionary<string, string>(Bed.ProbeEnv), Dirs = [(fs, "fs")], ExitCode = 0,
        };
        var wasm3Like = Cli(NodeCli("nodenoenv", env: false, dirs: false), "nodenoenv");
        Assert.Contains("expresses=args", wasm3Like.Descriptor.Flags);
        var r = WasiSuiteRunner.RunOne(test, wasm3Like, temp.Combine("wasi-noenv"), TimeSpan.FromSeconds(60));
        Assert.Equal(AssertionOutcome.Unsupported, r.Outcome);
        Assert.Contains("cannot express 1 environment variable(s), 1 preopened directory", r.Message);

        // A benchmark's data directory is offered, not required: the same CLI runs it; an environment it cannot pass is unsupported.
        var bench = new EngineInvocation
        {
            ArtifactPath = Bed.ProbeWasm, ScratchDirectory = temp.Combine("bench"), Iterations = 1, Timeout = TimeSpan.FromSeconds(60),
            Preopens = [new DirectoryMapping(fs, "/")],
        };
        var ran = Assert.Single(wasm3Like.Run(bench).Iterations);
        Assert.True(ran.Outcome == Outcome.Ok, ran.Message);
        var withEnv = Assert.Single(wasm3Like.Run(bench with { Environment = new Dictionary<string, string> { ["A"] = "1" } }).Iterations);
        Assert.Equal(Outcome.Unsupported, withEnv.Outcome);
        Assert.Contains("environment variable", withEnv.Message);

        var full = Cli(NodeCli("nodefull", env: true, dirs: true), "nodefull");
        Assert.Contains("expresses=args,env,dirs", full.Descriptor.Flags);
        var ok = WasiSuiteRunner.RunOne(test with { ExitCode = 0 }, full, temp.Combine("wasi-full"), TimeSpan.FromSeconds(60));
        Assert.NotEqual(AssertionOutcome.Unsupported, ok.Outcome);
    }

    [Fact]
    public void A_cli_with_its_own_wast_runner_is_a_spec_engine_that_passes_and_fails_whole_files()
    {
        var env = EnvWith("""
            [[cli]]
            name = "binaryen"
            command = "wasm-shell"
            version_pattern = 'wasm-shell version (\d+)'
            run = ["{wasm}"]
            wasi = false
            wast = ["{file}"]
            """);
        var engine = Assert.Single(CliWastSpecEngine.Discover(env), e => e.Id.StartsWith("binaryen-", StringComparison.Ordinal));
        Assert.Null(engine.UnavailableReason);
        var good = temp.Write("wast/good.wast", """
            (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
            (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 3))
            """);
        var bad = temp.Write("wast/bad.wast", """
            (module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
            (assert_return (invoke "add" (i32.const 1) (i32.const 2)) (i32.const 4))
            """);
        var results = new List<FileResult>();
        engine.Run([new SpecFile(good, "good.wast", "core", 100), new SpecFile(bad, "bad.wast", "core", 100)],
            new SpecRunOptions { ScratchDirectory = temp.Combine("spec-scratch"), Parallelism = 1 }, results.Add);
        var byName = results.ToDictionary(f => f.File.RelativePath, f => Assert.Single(f.Results));
        Assert.Equal(AssertionOutcome.Pass, byName["good.wast"].Outcome);
        Assert.Equal(AssertionOutcome.Fail, byName["bad.wast"].Outcome);
        Assert.Contains("binaryen exited with code", byName["bad.wast"].Message);
    }

    public void Dispose() => temp.Dispose();
}
