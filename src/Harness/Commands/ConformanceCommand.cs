using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Engines.WasmtimeC;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wasi;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Core.Naming;
using Observatory.Core.Engines;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;
using Observatory.Harness.Running;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// Runs a conformance suite on every engine and stores one row per assertion:
/// the official spec suite (.wast) or WASI preview1 (the project's own C programs,
/// and a wasi-testsuite checkout when given).
/// </summary>
public sealed class ConformanceCommand
{
    public int Execute(ConformanceSettings settings, CommandContext context)
    {
        if (settings.ListFailures) return ConformanceFailureList.Print(settings, context);
        var suite = settings.Suite ?? throw new UsageException("--suite is required (spec, wasi or sandbox)");
        var json = settings.Json;
        var log = json ? context.Error : context.Out;
        SandboxGate.Apply(settings.NoSandbox, null, log);
        var dbPath = settings.Database;
        using (var s = ObservatoryStore.Open(dbPath)) ConformanceStore.EnsureSchema(s);
        // A WASI or sandbox program runs for milliseconds; a hang (Node's own WASI hangs in path_filestat_set_times)
        // should cost half a minute (room for a browser or a C compile on a loaded machine), not the minute a spec file may need.
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds ?? (suite == "spec" ? 60 : 30));
        var jobs = settings.Jobs ?? Environment.ProcessorCount;
        if (jobs < 1) throw new UsageException("--jobs must be at least 1");
        var scratch = Path.Combine(context.ScratchDirectoryFor(dbPath), "conformance-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var run = suite switch
            {
                "spec" => RunSpec(settings, context, log, timeout, jobs, scratch),
                "wasi" => RunWasi(settings, context, log, timeout, jobs, scratch),
                "sandbox" => SandboxSuite.Run(settings, context, log, timeout, jobs, scratch),
                _ => throw new UsageException($"unknown suite '{suite}' (spec, wasi or sandbox)"),
            };
            using (var store = ObservatoryStore.Open(dbPath))
                ConformanceStore.Ingest(store, run);
            log.WriteLine(run.Status == "skipped"
                ? $"stored conformance run {run.RunId}: {suite} skipped (the report says why) in {Path.GetFullPath(dbPath)}"
                : $"stored conformance run {run.RunId}: {run.Rows.Count} rows in {Path.GetFullPath(dbPath)}");
            if (run.Status == "skipped")
            {
                if (json) context.Out.WriteLine(new JsonObject { ["suite"] = run.Suite, ["runId"] = run.RunId, ["status"] = run.Status, ["reason"] = run.Reason, ["engines"] = new JsonArray() }
                    .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            var summary = ConformanceSummary.Of(run);
            if (json) context.Out.WriteLine(ConformanceJson.Write(run, summary));
            else ConformanceConsole.Print(run, summary, context.Out);
            return 0;
        }
        finally
        {
            try { ResultsPaths.DeleteUnder(context.ScratchDirectoryFor(dbPath), scratch); } catch (IOException e) when (e is not UnsafePathException) { }
        }
    }

    private static ConformanceRun RunSpec(ConformanceSettings settings, CommandContext context, TextWriter log, TimeSpan timeout, int jobs, string scratch)
    {
        if (settings.WasiTestsuite is not null) throw new UsageException("--wasi-testsuite goes with --suite wasi");
        SuiteResolution found;
        try
        {
            found = SuiteLocator.Resolve(SuiteSources.For(settings.Testsuite, context.RepositoryRoot, context.ResultsDirectory, context.GetEnvironmentVariable)
                with { CloneTimeout = TimeSpan.FromSeconds(20) }, log);
        }
        catch (SuiteNotFoundException e)
        {
            throw new DirectoryNotFoundException(e.Message);
        }
        if (!found.Found) return Skipped("spec", found.Reason!, SuiteLocator.HowToGet(Path.Combine(context.ResultsDirectory, "testsuite")), log);
        var root = found.Root!;
        if (found.Source == "development copy")
            log.WriteLine($"using the development copy of the spec suite at {root} (it exists only on the project's machines)");
        var suite = SpecSuite.Open(root);
        var files = suite.Files.Where(f => Glob.Matches(settings.Files, f.RelativePath)).ToList();
        if (files.Count == 0) throw new UsageException($"no .wast file in {root} matches --files '{settings.Files}'");
        var revision = suite.Revision(settings.Files is null ? null : files);
        var pattern = settings.Engines;
        // wasmc:PATH alternatives name a library, not an id: the engines made for them are selected as such.
        var adHoc = SpecEngineCatalog.AdHoc(context.EngineEnvironment, pattern);
        var isas = ArchOption.Parse(settings.Arch);
        // Foreign-ISA engines (emulated) only when --arch asks for their ISA: the whole suite under qemu takes long.
        var discovered = SpecEngineCatalog.Discover(context.EngineEnvironment).Where(e => isas is null ? e.Isa == InstructionSet.Host : isas.Contains("all") || isas.Contains(e.Isa))
            .Concat(adHoc).ToList();
        var engines = SelectEngines(discovered, e => e.Id, e => e.UnavailableReason, pattern, log, adHoc.Select(e => e.Id).ToHashSet());
        log.WriteLine($"spec suite {root} (revision {revision}): {files.Count} files on {string.Join(", ", engines.Select(e => e.Id))}");

        var started = DateTime.UtcNow;
        var options = new SpecRunOptions { FileTimeout = timeout, Parallelism = jobs, ScratchDirectory = scratch };
        var gate = new Lock();
        void Log(string line)
        {
            lock (gate) log.WriteLine(line);
        }
        (List<ConformanceRow> Rows, ConformanceEngineRun Run) RunEngine(ISpecSuiteEngine engine, SpecRunOptions engineOptions)
        {
            // The CPU of this engine's own processes, even while other engines' run beside them.
            var cpu = new CpuTally();
            var sw = Stopwatch.StartNew();
            var done = 0;
            var assertions = 0;
            var nextReport = 0.1;
            var rows = new List<ConformanceRow>();
            using (cpu.Enter())
                engine.Run(files, engineOptions, fr =>
                {
                    done++;
                    if (fr.FileError is not null && fr.Results.Count == 1 && fr.Results[0].Directive == "parse")
                        Log($"  {engine.Id}: cannot parse {fr.FileError}");
                    foreach (var r in fr.Results)
                    {
                        if (r.IsAssertion) assertions++;
                        rows.Add(new ConformanceRow
                        {
                            File = fr.File.RelativePath, Line = r.Line, Directive = r.Directive, Feature = fr.File.Feature, Engine = engine.Id,
                            Outcome = r.Outcome.ToWire(), IsAssertion = r.IsAssertion, Expected = r.Expected, Actual = r.Actual,
                            Message = Trim(r.Message, 2000), MessageMatch = r.MessageMatch?.ToWire(),
                        });
                    }
                    if (done >= nextReport * files.Count)
                    {
                        Log($"  {engine.Id}: {done}/{files.Count} files, {assertions} assertions, {sw.Elapsed.TotalSeconds:0.0} s");
                        nextReport += 0.1;
                    }
                });
            sw.Stop();
            Log($"  {engine.Id}: done in {sw.Elapsed.TotalSeconds:0.0} s ({assertions / Math.Max(1e-9, sw.Elapsed.TotalSeconds):0} assertions/s, wall, process starts included); "
                + $"{cpu.Cpu.TotalSeconds:0} s CPU of its processes" + (engine is JsSpecEngine js ? $" ({js.ProcessesStarted} processes)" : engine is WasmtimeCSpecEngine c ? $" ({c.ProcessesStarted} processes)" : ""));
            return (rows, new ConformanceEngineRun(engine.Id, engine.Version, sw.Elapsed.TotalSeconds, files.Count, assertions, engine.Isa, engine.Isa != InstructionSet.Host));
        }

        var results = new (List<ConformanceRow> Rows, ConformanceEngineRun Run)[engines.Count];
        // Emulated engines (Node builds in batches, the Wasmtime C host per file) all run at once over one set of
        // `jobs` process slots: no core idles while one engine finishes its tail and the next has not started.
        var together = jobs >= 2 ? engines.Select((e, i) => (e, i)).Where(x => x.e.Isa != InstructionSet.Host && x.e is JsSpecEngine or WasmtimeCSpecEngine).ToList() : [];
        if (together.Count < 2) together = [];
        foreach (var (engine, i) in engines.Select((e, i) => (e, i)).Except(together))
            results[i] = RunEngine(engine, options);
        if (together.Count > 0)
        {
            Log($"  {string.Join(", ", together.Select(x => x.e.Id))}: at once, {jobs} processes at a time among them");
            var shared = options with { Slots = new ProcessSlots(jobs) };
            var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
            var threads = together.Select(x => new Thread(() =>
            {
                try { results[x.i] = RunEngine(x.e, shared); }
                catch (Exception e) { failures.Enqueue(e); }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            if (failures.TryPeek(out var failure)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        var rows = results.SelectMany(r => r.Rows).ToList();
        var engineRuns = results.Select(r => r.Run).ToList();
        return new ConformanceRun
        {
            RunId = RunCommand.NewRunId(), Suite = "spec", SuiteRoot = root, Revision = revision,
            StartedUtc = started, FinishedUtc = DateTime.UtcNow, Engines = engineRuns, Rows = rows,
        };
    }

    /// <summary>
    /// A suite that cannot be had is not a failure of the job: one warning says why and how to get it, and a
    /// run with status skipped is stored so the report can say the suite was not run and why.
    /// </summary>
    private static ConformanceRun Skipped(string suite, string reason, string howToGet, TextWriter log)
    {
        log.WriteLine($"warning: {suite} conformance skipped: {reason}. To run it, get the suite: {howToGet}");
        var now = DateTime.UtcNow;
        return new ConformanceRun
        {
            RunId = RunCommand.NewRunId(), Suite = suite, SuiteRoot = "", Revision = "", StartedUtc = now, FinishedUtc = now,
            Engines = [], Rows = [], Status = "skipped", Reason = $"{reason}; to get it: {howToGet}",
        };
    }

    private static ConformanceRun RunWasi(ConformanceSettings settings, CommandContext context, TextWriter log, TimeSpan timeout, int jobs, string scratch)
    {
        if (settings.Testsuite is not null) throw new UsageException("--testsuite goes with --suite spec (use --wasi-testsuite)");
        var tests = new List<WasiTestCase>();
        var ownDir = Path.Combine(context.RepositoryRoot, "conformance", "wasi");
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (Directory.Exists(ownDir))
            tests.AddRange(BuildOwnTests(ownDir, Path.Combine(context.ResultsDirectory, "conformance", "wasi-build"), log, hash));
        var wasiSuite = settings.WasiTestsuite;
        var revision = "own:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        if (wasiSuite is not null)
        {
            if (!Directory.Exists(wasiSuite)) throw new UsageException($"--wasi-testsuite {wasiSuite}: no such directory");
            tests.AddRange(WasiTestCase.DiscoverTestsuite(wasiSuite));
            revision += " wasi-testsuite:" + (SpecSuite.GitHead(wasiSuite) ?? "unversioned");
        }
        tests = tests.Where(t => Glob.Matches(settings.Files, t.Name)).ToList();
        if (tests.Count == 0) throw new UsageException($"no WASI test matches --files '{settings.Files}'" + (Directory.Exists(ownDir) ? "" : $" ({ownDir} is missing)"));
        var engines = SelectWasiEngines(context, settings.Engines, log, ArchOption.Parse(settings.Arch));
        log.WriteLine($"WASI preview1: {tests.Count} tests on {string.Join(", ", engines.Select(e => e.Descriptor.Id))}");
        var started = DateTime.UtcNow;
        var rows = new List<ConformanceRow>();
        var wall = EngineWallTime.Measure(engines, engine => WasiSuiteRunner.Run(tests, [engine], scratch, timeout, jobs, r =>
        {
            rows.Add(new ConformanceRow
            {
                File = r.Test.Name, Line = 0, Directive = "run", Feature = r.Test.Feature, Engine = r.Engine, Outcome = r.Outcome.ToWire(),
                IsAssertion = true, Expected = r.Expected, Actual = r.Actual, Message = Trim(r.Message, 2000),
            });
            if (r.Outcome != AssertionOutcome.Pass) log.WriteLine($"  {r.Engine}: {r.Test.Name}: {r.Outcome.ToWire()}: {r.Message}");
        }));
        return new ConformanceRun
        {
            RunId = RunCommand.NewRunId(), Suite = "wasi", SuiteRoot = wasiSuite ?? ownDir, Revision = revision,
            StartedUtc = started, FinishedUtc = DateTime.UtcNow,
            Engines = engines.Select(e => new ConformanceEngineRun(e.Descriptor.Id, e.Descriptor.Version, wall[e], tests.Count, tests.Count, e.Descriptor.Isa, e.Descriptor.Emulated)).ToList(),
            Rows = rows,
        };
    }

    /// <summary>Compiles conformance/wasi/*.c with clang and *.rs with rustc for wasm32-wasip1 (cached by source hash and compiler version).</summary>
    internal static IEnumerable<WasiTestCase> BuildOwnTests(string dir, string buildDir, TextWriter log, IncrementalHash revision)
    {
        var toolchain = new Toolchain(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(buildDir)!)!, "toolchain"));
        var problem = toolchain.Prepare();
        if (problem is not null) throw new UsageException(problem);
        Directory.CreateDirectory(buildDir);
        var tests = new List<WasiTestCase>();
        // Shared headers are part of every program: a header edit must rebuild them all.
        var headers = Directory.EnumerateFiles(dir, "*.h").Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray();
        var sources = Directory.EnumerateFiles(dir, "*.c").Concat(Directory.EnumerateFiles(dir, "*.rs")).Order(StringComparer.Ordinal).ToList();
        var rustc = sources.Any(f => f.EndsWith(".rs", StringComparison.Ordinal)) ? WasiRustCompiler.Version() : null;
        foreach (var source in sources)
        {
            var name = Path.GetFileNameWithoutExtension(source);
            var sidecar = Path.ChangeExtension(source, ".json");
            if (!File.Exists(sidecar)) throw new InvalidDataException($"{source}: missing JSON sidecar {Path.GetFileName(sidecar)}");
            var bytes = File.ReadAllBytes(source);
            revision.AppendData(bytes);
            revision.AppendData(File.ReadAllBytes(sidecar));
            var isRust = source.EndsWith(".rs", StringComparison.Ordinal);
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(isRust ? rustc! : toolchain.ClangVersion).Concat(isRust ? [] : headers).Concat(bytes).ToArray()))[..16];
            var wasm = Path.Combine(buildDir, $"{name}-{key}.wasm");
            if (!File.Exists(wasm))
            {
                var tmp = wasm + ".tmp";
                var r = ChildProcess.Run(isRust ? WasiRustCompiler.Command(source, tmp) : new ChildProcessSpec
                {
                    FileName = Toolchain.Clang,
                    Arguments = ["--target=wasm32-wasip1", $"--sysroot={toolchain.Sysroot}", "-O2", "--no-wasm-opt", "-Wall", "-Werror", "-o", tmp, source],
                    Timeout = TimeSpan.FromMinutes(2),
                });
                if (r.ExitCode != 0)
                    throw new InvalidDataException($"{source}: {(isRust ? "rustc" : "clang")} failed (exit {r.ExitCode}):\n{r.Stderr.Trim()}");
                File.Move(tmp, wasm, overwrite: true);
            }
            tests.Add(WasiTestCase.Load($"conformance/{Path.GetFileName(dir)}/{name}", wasm, sidecar));
        }
        log.WriteLine($"built {tests.Count} WASI test programs from {dir}");
        return tests;
    }

    /// <summary>The ready benchmark engines with WASI (not native) that --engines selects: the WASI and sandbox suites' engines.</summary>
    /// <remarks>A wasm.h library named in the pattern (<c>wasmc:PATH</c>) is probed and taken, as the spec suite and run do.</remarks>
    internal static List<IEngine> SelectWasiEngines(CommandContext context, string? glob, TextWriter log, IReadOnlyList<string>? isas = null)
    {
        var adHoc = EngineCatalog.AdHoc(context.EngineEnvironment, glob);
        IReadOnlyList<IEngine> discovered = EngineCatalog.WithoutAdHoc(glob) == "" ? [] : EngineCatalog.Discover(context.EngineEnvironment);
        return SelectEngines(
            discovered.Where(e => !e.Descriptor.IsNative && e.Descriptor.SupportsWasi && EngineCatalog.OnIsa(e.Descriptor, isas)).Concat(adHoc).ToList(),
            e => e.Descriptor.Id, e => e.Descriptor.Status == EngineStatus.Ready ? null : $"{e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}",
            glob, log, adHoc.Select(e => e.Descriptor.Id).ToHashSet());
    }

    internal static List<T> SelectEngines<T>(IReadOnlyList<T> all, Func<T, string> id, Func<T, string?> unavailable, string? glob, TextWriter log, IReadOnlyCollection<string>? alwaysIds = null)
    {
        var rest = EngineCatalog.WithoutAdHoc(glob);
        var selected = all.Where(e => (alwaysIds?.Contains(id(e)) ?? false) || (rest != "" && Glob.Matches(rest, id(e)))).ToList();
        foreach (var e in selected.Where(e => unavailable(e) is not null))
            log.WriteLine($"skipping {id(e)}: {unavailable(e)}");
        var ready = selected.Where(e => unavailable(e) is null).ToList();
        if (ready.Count == 0)
            throw new UsageException($"no available engine matches '{glob}' (known: {string.Join(", ", all.Select(id))})");
        return ready;
    }

    /// <summary>The core suite: everything but proposals in flight, legacy exceptions and custom annotations.</summary>
    public static bool IsCoreFile(string relativePath) =>
        !relativePath.StartsWith("proposals/", StringComparison.Ordinal) && !relativePath.StartsWith("legacy/", StringComparison.Ordinal)
        && !relativePath.StartsWith("custom/", StringComparison.Ordinal);

    internal static string? Trim(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
