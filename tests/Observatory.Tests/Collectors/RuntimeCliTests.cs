using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Configuration;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Observatory.Tests.Support;

namespace Observatory.Tests.Collectors;

/// <summary>
/// The runtime CLI engine, tested against real programs on this machine: Node running
/// drivers/node-wasi-cli.mjs as a WASI CLI, /bin/true as a "runtime" with an empty version,
/// a path that does not exist, Node killing itself mid-run and Node burning CPU time.
/// </summary>
public sealed class RuntimeCliTests : IDisposable
{
    private static EngineTestBed Bed => EngineTestBed.Shared;
    private readonly TempDirectory temp = new();

    private IReadOnlyList<IEngine> Discover(string toml)
    {
        var config = temp.Write("runtimes.toml", toml);
        return new RuntimeCliProvider().Discover(Bed.Env with { RuntimesConfigPath = config }).ToList();
    }

    private static string NodeCli => $$"""
        [[cli]]
        name = "nodewasi"
        command = "node"
        version_pattern = 'v(\d+\.\d+\.\d+)'
        run = ["--no-warnings", "{{Path.Combine(Bed.Env.DriverDirectory, "node-wasi-cli.mjs")}}", "{preopens}", "{env}", "{wasm}", "{args}"]
        preopen = ["--dir", "{host}::{guest}"]
        env = ["--env", "{name}={value}"]
        """;

    [Fact]
    public void A_configured_cli_runs_the_wasi_program_with_args_env_stdin_and_preopens()
    {
        var engine = Discover(NodeCli).Single(e => e.Descriptor.Family == "nodewasi");
        Assert.Equal(EngineStatus.Ready, engine.Descriptor.Status);
        Assert.Matches(@"^nodewasi-\d+\.\d+\.\d+/cli$", engine.Descriptor.Id);
        var r = Bed.Run(engine, Bed.ProbeWasm, temp.Combine("run"), iterations: 2);
        Assert.All(r.Iterations, it =>
        {
            Assert.Equal(Outcome.Ok, it.Outcome);
            Assert.Equal(0, it.ExitCode);
            Assert.Null(it.CompileNs); // a CLI reports no phases: execute is the process wall time
            Assert.True(it.ExecuteNs > 0);
            // Node's start-up and a tiny module: tens of ms of CPU, too few 10 ms ticks to poll, the kernel's account to the µs.
            Assert.True(it.CpuNs > 0);
        });
        // The probe imports bench.*, which a CLI cannot provide: they were folded out, output unchanged.
        Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(r.Iterations[0].StdoutPath!));
        var exit = Bed.Run(engine, Bed.ProbeWasm, temp.Combine("exit"), args: ["exit7"]);
        Assert.Equal(7, Assert.Single(exit.Iterations).ExitCode);
    }

    [Fact]
    public void A_cli_stops_between_its_iteration_processes_once_the_cells_budget_is_spent()
    {
        var engine = Discover(NodeCli).Single(e => e.Descriptor.Family == "nodewasi");
        // A Node process takes tens of ms: a 1 ms budget is spent by the first, which still runs in full.
        var spent = Bed.Run(engine, Bed.ProbeWasm, temp.Combine("spend"), iterations: 4, spendLimit: TimeSpan.FromMilliseconds(1));
        Assert.Equal(Outcome.Ok, Assert.Single(spent.Iterations).Outcome);
        Assert.Null(spent.ProcessFailure);
        // An ample budget runs every iteration.
        Assert.Equal(4, Bed.Run(engine, Bed.ProbeWasm, temp.Combine("ample"), iterations: 4, spendLimit: TimeSpan.FromMinutes(10)).Iterations.Count);
    }

    [Fact]
    public void Absent_built_in_clis_are_listed_as_not_installed_with_an_install_hint()
    {
        var engines = Discover("");
        foreach (var name in new[] { "wasmtime", "wasmer", "wasmedge", "iwasm", "wazero", "wasm3" })
        {
            var d = engines.Single(e => e.Descriptor.Family == name).Descriptor;
            if (d.Status == EngineStatus.Ready) continue; // installed on this machine
            Assert.Equal(EngineStatus.NotInstalled, d.Status);
            Assert.Contains("on PATH", d.Reason);
        }
    }

    [Fact]
    public void A_command_path_that_does_not_exist_is_not_installed()
    {
        var d = Discover("[[cli]]\nname = \"wasmer\"\ncommand = \"/nonexistent/bin/wasmer\"\n").Single(e => e.Descriptor.Family == "wasmer").Descriptor;
        Assert.Equal(EngineStatus.NotInstalled, d.Status);
        Assert.Contains("/nonexistent/bin/wasmer does not exist", d.Reason);
        Assert.Contains("wasmer.io", d.Reason);
    }

    [Fact]
    public void A_cli_whose_version_output_is_unexpected_is_broken_with_the_output_quoted()
    {
        var d = Discover("[[cli]]\nname = \"wasm3\"\ncommand = \"/bin/true\"\nversion_args = []\n").Single(e => e.Descriptor.Family == "wasm3").Descriptor;
        Assert.Equal(EngineStatus.Broken, d.Status);
        Assert.Contains("printed ''", d.Reason);
        Assert.Contains("version pattern", d.Reason);
    }

    [Fact]
    public void A_runtime_that_crashes_mid_run_is_a_crash_and_the_next_iteration_still_runs()
    {
        var engine = Discover("""
            [[cli]]
            name = "segv"
            command = "node"
            version_pattern = 'v(\d+\.\d+\.\d+)'
            run = ["-e", "process.kill(process.pid, 'SIGSEGV')", "{wasm}", "{env}", "{args}"]
            env = ["{name}={value}"]
            """).Single(e => e.Descriptor.Family == "segv");
        var r = Bed.Run(engine, Bed.ProbeWasm, temp.Combine("segv"), iterations: 2);
        Assert.Equal(2, r.Iterations.Count);
        Assert.All(r.Iterations, it => Assert.Equal(Outcome.Crash, it.Outcome));
        Assert.Contains("segv was killed by SIGSEGV (exit code 139)", r.Iterations[0].Message);
    }

    [Fact]
    public void A_cli_reports_the_cpu_time_of_its_whole_process_tree_once_it_is_fine_enough()
    {
        // The "runtime" burns 400 ms of CPU time by its own account, inside the sandbox (a child of bwrap).
        var engine = Discover("""
            [[cli]]
            name = "burn"
            command = "node"
            version_pattern = 'v(\d+\.\d+\.\d+)'
            run = ["-e", "const t = () => { const u = process.cpuUsage(); return u.user + u.system; }; while (t() < 400000) {}", "{wasm}", "{env}", "{args}"]
            env = ["{name}={value}"]
            """).Single(e => e.Descriptor.Family == "burn");
        var it = Assert.Single(Bed.Run(engine, Bed.ProbeWasm, temp.Combine("burn")).Iterations);
        Assert.Equal(Outcome.Ok, it.Outcome);
        // Counted through the sandbox (bwrap alone uses a few ms).
        Assert.NotNull(it.CpuNs);
        Assert.InRange(it.CpuNs!.Value, 400_000_000, 2_000_000_000);
    }

    [Fact]
    public void A_short_cli_process_gets_the_kernels_cpu_time_to_the_microsecond()
    {
        // About 50 ms of CPU time, under the polled figure's 0.2 s floor; node says its own total on stderr as it exits.
        var engine = Discover("""
            [[cli]]
            name = "short"
            command = "node"
            version_pattern = 'v(\d+\.\d+\.\d+)'
            run = ["-e", "const t = () => { const u = process.cpuUsage(); return u.user + u.system; }; while (t() < 50000) {} process.on('exit', () => console.error('own-cpu-us ' + t()))", "{wasm}", "{env}", "{args}"]
            env = ["{name}={value}"]
            """).Single(e => e.Descriptor.Family == "short");
        Assert.Contains("the kernel's, in µs", string.Join(' ', engine.Descriptor.Flags));
        var scratch = temp.Combine("short");
        var it = Assert.Single(Bed.Run(engine, Bed.ProbeWasm, scratch).Iterations);
        Assert.Equal(Outcome.Ok, it.Outcome);
        var own = long.Parse(File.ReadAllText(Path.Combine(scratch, "stderr-0.txt")).Split("own-cpu-us ")[1].Trim()) * 1000;
        Assert.NotNull(it.CpuNs);
        // The kernel's account of the process: at least what node counted itself before its last words, and
        // not a tick more than its exit costs; /proc's polled figure was whole ticks short of it, and absent here.
        Assert.InRange(it.CpuNs!.Value, own, own + 30_000_000);
        Assert.NotEqual(0, it.CpuNs.Value % 10_000_000);
    }

    [Fact]
    public void Obs_rusage_exits_as_its_command_did_and_writes_its_account()
    {
        var exe = new ProcessAccountant(Bed.Env).Build(out var why);
        Assert.True(exe is not null, why);
        var file = temp.Combine("ru.txt");
        var spin = "i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; ";
        var segv = Observatory.Collectors.Processes.ChildProcess.Run(new() { FileName = exe!, Arguments = [file, "/bin/sh", "-c", spin + "kill -SEGV $$"], Timeout = TimeSpan.FromMinutes(1) });
        Assert.Equal(139, segv.ExitCode); // the same signal, as the shell would show it
        Assert.True(ProcessAccountant.ReadCpuNs(file) > 0);
        File.Delete(file);
        var missing = Observatory.Collectors.Processes.ChildProcess.Run(new() { FileName = exe!, Arguments = [file, "/no/such/runtime"], Timeout = TimeSpan.FromMinutes(1) });
        Assert.Equal(127, missing.ExitCode);
        Assert.Contains("cannot run /no/such/runtime", missing.Stderr);
        var code = Observatory.Collectors.Processes.ChildProcess.Run(new() { FileName = exe!, Arguments = [file, "/bin/sh", "-c", "exit 3"], Timeout = TimeSpan.FromMinutes(1) });
        Assert.Equal(3, code.ExitCode);
        Assert.Null(ProcessAccountant.ReadCpuNs(temp.Combine("never-written.txt")));
    }

    [Fact]
    public void Cli_cpu_time_under_twenty_ticks_is_not_reported()
    {
        Assert.Null(CliCpuTime.Reported(0));
        Assert.Null(CliCpuTime.Reported(190_000_000)); // 19 ticks: one tick would be 5.3% of it
        Assert.Equal(200_000_000, CliCpuTime.Reported(200_000_000));
        Assert.Equal(1_230_000_000, CliCpuTime.Reported(1_230_000_000));
    }

    [Theory]
    [InlineData("[[cli]]\nname = \"x\"\ncomand = \"y\"\n", 3, "unknown key 'comand' in [[cli]]")]
    [InlineData("[[cli]]\ncommand = \"y\"\n", 1, "[[cli]] needs name")]
    [InlineData("[[cli]]\nname = \"custom\"\ncommand = \"y\"\n", 1, "it needs command and run")]
    [InlineData("[[cli]]\nname = \"wasmtime\"\nversion_pattern = 'no group'\n", 3, "needs one capture group")]
    [InlineData("[[wasmc]]\nname = \"w\"\n", 1, "[[wasmc]] needs library")]
    [InlineData("[wasmc]\nlibrary = \"x\"\n", 1, "must be an array of tables")]
    [InlineData("[[cli]]\nname = \"wasmtime\"\nrun = \"run {wasm}\"\n", 3, "run must be an array of strings")]
    [InlineData("[[cli]\n", 1, "invalid TOML")]
    public void Config_mistakes_name_the_file_and_line(string toml, int line, string problem)
    {
        var path = temp.Write("bad.toml", toml);
        var e = Assert.Throws<InvalidDataException>(() =>
            new RuntimeCliProvider().Discover(Bed.Env with { RuntimesConfigPath = path }).ToList());
        Assert.StartsWith($"{path}:{line}: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_config_named_by_the_environment_that_does_not_exist_is_an_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => RuntimesConfig.Load(Bed.Env with { RuntimesConfigPath = temp.Combine("nope.toml") }));
        Assert.Contains("nope.toml", e.Message);
    }

    [Fact]
    public void Templates_expand_preopens_env_and_args_in_place()
    {
        var d = RuntimeCliDefinition.BuiltIn.Single(b => b.Name == "wasmtime");
        var inv = new EngineInvocation
        {
            ArtifactPath = "/m.wasm", ScratchDirectory = "/s", Args = ["a", "b c"],
            Environment = new Dictionary<string, string> { ["K"] = "V" }, Preopens = [new DirectoryMapping("/data", ".")],
        };
        Assert.Equal(["run", "--dir", "/data::.", "--env", "K=V", "/m.wasm", "a", "b c"], d.Expand("/m.wasm", inv));
        var iwasm = RuntimeCliDefinition.BuiltIn.Single(b => b.Name == "iwasm");
        Assert.Equal(["--map-dir=.::/data", "--env=K=V", "/m.wasm", "a", "b c"], iwasm.Expand("/m.wasm", inv));
    }

    [Fact]
    public void The_import_reader_finds_bench_imports()
    {
        Assert.True(BenchImportFolder.ImportsBench(Bed.ProbeWasm));
        Assert.Contains(WasmImports.Read(File.ReadAllBytes(Bed.ProbeWasm)), i => i is ("wasi_snapshot_preview1", "fd_write"));
    }

    public void Dispose() => temp.Dispose();
}
