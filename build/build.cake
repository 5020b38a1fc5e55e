// The observatory's build: ./build.sh [--target=TASK]. Tasks:
//   Setup          check the toolchain and runtimes (build.sh installed them)
//   Build          dotnet build of the solution (Release)
//   BuildWorkloads observatory build (wasm + native, cached by content hash)
//   Bench          observatory run (--profile=quick|standard, --engines=GLOB, --workloads=GLOB, --shard=I/N)
//   Conformance    observatory conformance (spec, WASI and sandbox suites; spec is skipped with a warning when no suite can be had;
//                  quick: WASI and sandbox on the family representatives, standard: on every configuration)
//   Report         observatory report -> results/site/index.html
//   Test           dotnet test, TRX results in results/test-results/
//   Families       the whole corpus on one configuration per engine family
//   Nightly        Bench with the standard profile + Conformance + Report
//   Portability    every ISA (x86_64 + aarch64, s390x, ppc64le, armv7l under qemu-user): the portability matrix
//                  (--workloads=GLOB, --arch=LIST) and the spec suite on every emulated engine and x86_64's Node 26,
//                  then Report (architecture.html); each step's wall time at the end
//   Default        the main job: Setup, Build, BuildWorkloads, Bench, Conformance, Report

var target = Argument("target", "Default");
var profile = Argument("profile", "quick");
var engines = Argument("engines", "");
var workloads = Argument("workloads", "");
var db = Argument("db", "");
// --shard=I/N: this CI job's part of the corpus (split by workload, see `observatory run --help`).
var shard = Argument("shard", "");
var root = MakeAbsolute(Directory(".."));
var cliDll = root.CombineWithFilePath("src/Harness/bin/Release/net10.0/linux-x64/observatory.dll");
// The spec suite: only what the user named (--testsuite=PATH); otherwise the CLI resolves it itself
// ($OBSERVATORY_TESTSUITE, results/testsuite, a fetch of the pinned commit) and skips spec conformance
// with a warning when none is available.
var testsuite = Argument("testsuite", "");

void Observatory(string args)
{
    var dbArg = string.IsNullOrEmpty(db) ? "" : $" --db \"{db}\"";
    Information($"observatory {args}{dbArg}");
    var code = StartProcess("dotnet", new ProcessSettings {
        Arguments = $"\"{cliDll.FullPath}\" {args}{dbArg}",
        WorkingDirectory = root,
        EnvironmentVariables = new Dictionary<string, string> { ["OBSERVATORY_ROOT"] = root.FullPath },
    });
    if (code != 0) throw new Exception($"observatory {args} exited with code {code}");
}

Task("Setup").Does(() =>
{
    foreach (var tool in new[] { "clang-22", "node", "wasm-interp" })
    {
        var code = StartProcess(tool, new ProcessSettings { Arguments = "--version", RedirectStandardOutput = true, RedirectStandardError = true });
        if (code != 0) throw new Exception($"{tool} is missing: run ./build.sh, which installs it");
    }
    if (!DirectoryExists(root.Combine("node_modules"))) throw new Exception("node_modules is missing: run ./build.sh (npm ci --ignore-scripts)");
    Information("toolchain and runtimes present");
});

Task("Build").Does(() =>
{
    DotNetBuild(root.CombineWithFilePath("Observatory.sln").FullPath, new DotNetBuildSettings {
        Configuration = "Release", NoLogo = true, Verbosity = DotNetVerbosity.Minimal,
    });
});

Task("BuildWorkloads").IsDependentOn("Build").Does(() =>
{
    Observatory("build" + (string.IsNullOrEmpty(workloads) ? "" : $" --workloads \"{workloads}\""));
});

// Without --engines/--workloads the main job makes two runs: the whole corpus on one representative
// configuration per engine family (native, Wasmtime/Cranelift, the wasm.h engine, the newest Node,
// Deno, Bun, SpiderMonkey through gjs, Chromium, Firefox, wasm2c, wabt's interpreter), then a kernel
// and a WASI program on every ready engine, tiers and versions included (few samples: Pulley runs
// nbody at about 1/100 of native speed). Sampling bounds keep the main job within 45 minutes on 2
// cores: one engine process per cell (the quick profile's cold + 2 warm iterations, or a workload's own
// [sampling], e.g. clang-hello's 1 cold + 1 warm). Timed from a fresh clone on a quiet machine, a second
// process for cells under 2 s cost 25 min for the family run, 8 for the matrix: most cells are short, so
// process start-up (browsers: seconds) dominated.
var familyEngines =
    "native,wasmtime-*/cranelift,wasmc-*,node-26*/default,deno-*/default,bun-*/default,gjs-*,chromium-*,firefox-*,wasm2c-*,wabt-*";
var familyBounds = "--min-processes 1 --max-processes 1";

Task("Bench").IsDependentOn("BuildWorkloads").Does(() =>
{
    var shardArg = string.IsNullOrEmpty(shard) ? "" : $" --shard {shard}";
    if (!string.IsNullOrEmpty(engines) || !string.IsNullOrEmpty(workloads))
    {
        var args = $"run --profile {profile}{shardArg}";
        if (!string.IsNullOrEmpty(engines)) args += $" --engines \"{engines}\"";
        if (!string.IsNullOrEmpty(workloads)) args += $" --workloads \"{workloads}\"";
        Observatory(args);
        return;
    }
    // The nightly (standard profile) keeps the profile's own bounds.
    var bounds = profile == "quick" ? " " + familyBounds : "";
    // The matrix first: the report's front page is the latest run, and the family run over the whole corpus
    // is the one a reader choosing a runtime needs there.
    Observatory($"run --profile {profile}{shardArg} --label engine-matrix --workloads \"nbody,handler-c\" --min-processes 1 --max-processes 1 --iterations 2");
    Observatory($"run --profile {profile}{shardArg} --label families --engines \"{familyEngines}\"{bounds}");
});

// The family run alone, with the profile's own sampling bounds (standard: up to 40 processes per cell).
Task("Families").IsDependentOn("BuildWorkloads").Does(() =>
{
    Observatory($"run --profile {profile} --label families --engines \"{familyEngines}\"");
});

// The WASI and sandbox suites: the quick main job runs them on the family representatives (timed from a
// fresh clone: on all 30 configurations they took longer than the whole benchmark, most of it Node's tiers
// and versions repeating one WASI implementation); the nightly (standard profile) on every configuration.
Task("Conformance").IsDependentOn("Build").Does(() =>
{
    Observatory("conformance --suite spec" + (string.IsNullOrEmpty(testsuite) ? "" : $" --testsuite \"{testsuite}\""));
    var scope = !string.IsNullOrEmpty(engines) ? $" --engines \"{engines}\"" : profile == "quick" ? $" --engines \"{familyEngines}\"" : "";
    Observatory("conformance --suite wasi" + scope);
    Observatory("conformance --suite sandbox" + scope);
});

Task("Report").IsDependentOn("Build").Does(() =>
{
    Observatory("report");
    Information($"open {root.CombineWithFilePath("results/site/index.html").FullPath}");
});

Task("Test").IsDependentOn("Build").Does(() =>
{
    var results = root.Combine("results/test-results");
    CleanDirectory(results);
    DotNetTest(root.CombineWithFilePath("Observatory.sln").FullPath, new DotNetTestSettings {
        Configuration = "Release", NoBuild = true, NoLogo = true,
        Loggers = new[] { "trx", "console;verbosity=normal" },
        ResultsDirectory = results,
    });
});

// Emulated engines run 10-30x slower: the matrix gives each process a short base timeout (scaled x25 under
// qemu-user: 250 s) and the spec suite 20 s per file (500 s under qemu-user, for a batch's silence: see
// JsSpecEngine.Batches.cs). The spec suite runs on every emulated engine of the foreign ISAs (whatever the
// engine registry has) and on the host's Node 26 for the x86_64 column. Every step's wall time is printed at
// the end; the matrix and the spec runs print each part's CPU seconds, which compare across machine load.
var arch = Argument("arch", "all");
Task("Portability").IsDependentOn("Build").Does(() =>
{
    var steps = new List<(string Step, TimeSpan Wall)>();
    void Step(string name, string args)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Observatory(args);
        steps.Add((name, clock.Elapsed));
    }
    var isas = arch == "all" ? new[] { "x86_64", "aarch64", "s390x", "ppc64le", "armv7l" } : arch.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    var foreign = string.Join(",", isas.Where(i => i != "x86_64"));
    var suite = string.IsNullOrEmpty(testsuite) ? "" : $" --testsuite \"{testsuite}\"";
    Step("portability matrix", $"portability --arch {arch} --timeout 10" + (string.IsNullOrEmpty(workloads) ? "" : $" --workloads \"{workloads}\""));
    if (isas.Contains("x86_64")) Step("spec suite, x86_64 Node 26", "conformance --suite spec --engines \"node-26*\"" + suite);
    if (foreign.Length > 0) Step($"spec suite, emulated engines ({foreign})", $"conformance --suite spec --arch {foreign} --engines \"*\" --timeout 20" + suite);
    Step("report", "report");
    foreach (var (step, wall) in steps) Information($"  {step}: {wall.TotalMinutes:0.0} min");
    Information($"Portability took {steps.Sum(s => s.Wall.TotalMinutes):0.0} min; open {root.CombineWithFilePath("results/site/architecture.html").FullPath}");
});

Task("Nightly").Does(() => { profile = "standard"; RunTarget("Default"); });

Task("Default")
    .IsDependentOn("Setup")
    .IsDependentOn("Build")
    .IsDependentOn("BuildWorkloads")
    .IsDependentOn("Bench")
    .IsDependentOn("Conformance")
    .IsDependentOn("Report");

RunTarget(target);
