using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Engines;
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
        var suite = settings.Suite ?? throw new UsageException("--suite is required (spec or wasi)");
        var json = settings.Json;
        var log = json ? context.Error : context.Out;
        SandboxGate.Apply(settings.NoSandbox, null, log);
        var dbPath = settings.Database;
        using (var s = ObservatoryStore.Open(dbPath)) ConformanceStore.EnsureSchema(s);
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds ?? 60);
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
            var summary = Summarize(run);
            if (json) context.Out.WriteLine(ToJson(run, summary));
            else Print(run, summary, context.Out);
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
        var rows = new List<ConformanceRow>();
        var engineRuns = new List<ConformanceEngineRun>();
        var options = new SpecRunOptions { FileTimeout = timeout, Parallelism = jobs, ScratchDirectory = scratch };
        foreach (var engine in engines)
        {
            var sw = Stopwatch.StartNew();
            var done = 0;
            var assertions = 0;
            var nextReport = 0.1;
            engine.Run(files, options, fr =>
            {
                done++;
                if (fr.FileError is not null && fr.Results.Count == 1 && fr.Results[0].Directive == "parse")
                    log.WriteLine($"  {engine.Id}: cannot parse {fr.FileError}");
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
                    log.WriteLine($"  {engine.Id}: {done}/{files.Count} files, {assertions} assertions, {sw.Elapsed.TotalSeconds:0.0} s");
                    nextReport += 0.1;
                }
            });
            sw.Stop();
            engineRuns.Add(new ConformanceEngineRun(engine.Id, engine.Version, sw.Elapsed.TotalSeconds, files.Count, assertions));
            log.WriteLine($"  {engine.Id}: done in {sw.Elapsed.TotalSeconds:0.0} s ({assertions / Math.Max(1e-9, sw.Elapsed.TotalSeconds):0} assertions/s, wall, process starts included)");
        }
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
        var perEngine = engines.ToDictionary(e => e.Descriptor.Id, _ => Stopwatch.StartNew());
        WasiSuiteRunner.Run(tests, engines, scratch, timeout, jobs, r =>
        {
            rows.Add(new ConformanceRow
            {
                File = r.Test.Name, Line = 0, Directive = "run", Feature = r.Test.Feature, Engine = r.Engine, Outcome = r.Outcome.ToWire(),
                IsAssertion = true, Expected = r.Expected, Actual = r.Actual, Message = Trim(r.Message, 2000),
            });
            if (r.Outcome != AssertionOutcome.Pass) log.WriteLine($"  {r.Engine}: {r.Test.Name}: {r.Outcome.ToWire()}: {r.Message}");
        });
        var wall = (DateTime.UtcNow - started).TotalSeconds;
        return new ConformanceRun
        {
            RunId = RunCommand.NewRunId(), Suite = "wasi", SuiteRoot = wasiSuite ?? ownDir, Revision = revision,
            StartedUtc = started, FinishedUtc = DateTime.UtcNow,
            Engines = engines.Select(e => new ConformanceEngineRun(e.Descriptor.Id, e.Descriptor.Version, wall, tests.Count, tests.Count)).ToList(),
            Rows = rows,
        };
    }

    /// <summary>Compiles conformance/wasi/*.c with clang for wasm32-wasip1 (cached by source hash).</summary>
    internal static IEnumerable<WasiTestCase> BuildOwnTests(string dir, string buildDir, TextWriter log, IncrementalHash revision)
    {
        var toolchain = new Toolchain(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(buildDir)!)!, "toolchain"));
        var problem = toolchain.Prepare();
        if (problem is not null) throw new UsageException(problem);
        Directory.CreateDirectory(buildDir);
        var tests = new List<WasiTestCase>();
        // Shared headers are part of every program: a header edit must rebuild them all.
        var headers = Directory.EnumerateFiles(dir, "*.h").Order(StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray();
        foreach (var source in Directory.EnumerateFiles(dir, "*.c").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(source);
            var sidecar = Path.ChangeExtension(source, ".json");
            if (!File.Exists(sidecar)) throw new InvalidDataException($"{source}: missing JSON sidecar {Path.GetFileName(sidecar)}");
            var bytes = File.ReadAllBytes(source);
            revision.AppendData(bytes);
            revision.AppendData(File.ReadAllBytes(sidecar));
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(toolchain.ClangVersion).Concat(headers).Concat(bytes).ToArray()))[..16];
            var wasm = Path.Combine(buildDir, $"{name}-{key}.wasm");
            if (!File.Exists(wasm))
            {
                var tmp = wasm + ".tmp";
                var r = ChildProcess.Run(new ChildProcessSpec
                {
                    FileName = Toolchain.Clang,
                    Arguments = ["--target=wasm32-wasip1", $"--sysroot={toolchain.Sysroot}", "-O2", "--no-wasm-opt", "-Wall", "-Werror", "-o", tmp, source],
                    Timeout = TimeSpan.FromMinutes(2),
                });
                if (r.ExitCode != 0)
                    throw new InvalidDataException($"{source}: clang failed (exit {r.ExitCode}):\n{r.Stderr.Trim()}");
                File.Move(tmp, wasm, overwrite: true);
            }
            tests.Add(WasiTestCase.Load($"conformance/{Path.GetFileName(dir)}/{name}", wasm, sidecar));
        }
        log.WriteLine($"built {tests.Count} WASI test programs from {dir}");
        return tests;
    }

    /// <summary>The ready benchmark engines with WASI (not native) that --engines selects: the WASI and sandbox suites' engines.</summary>
    internal static List<IEngine> SelectWasiEngines(CommandContext context, string? glob, TextWriter log, IReadOnlyList<string>? isas = null) =>
        SelectEngines(
            EngineCatalog.Discover(context.EngineEnvironment).Where(e => !e.Descriptor.IsNative && e.Descriptor.SupportsWasi && EngineCatalog.OnIsa(e.Descriptor, isas)).ToList(),
            e => e.Descriptor.Id, e => e.Descriptor.Status == EngineStatus.Ready ? null : $"{e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}",
            glob, log);

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

    private sealed record EngineSummary(string Engine, int Total, int Passed, int Failed, int Skipped, double? Seconds, SortedDictionary<string, (int Total, int Passed, int Failed, int Skipped)> ByFeature);

    private static List<EngineSummary> Summarize(ConformanceRun run)
    {
        var list = new List<EngineSummary>();
        foreach (var g in run.Rows.Where(r => r.IsAssertion).GroupBy(r => r.Engine))
        {
            var by = new SortedDictionary<string, (int, int, int, int)>(StringComparer.Ordinal);
            foreach (var f in g.GroupBy(r => r.Feature))
                by[f.Key] = (f.Count(), f.Count(r => r.Outcome == "pass"), f.Count(IsFailure), f.Count(IsSkipped));
            list.Add(new EngineSummary(g.Key, g.Count(), g.Count(r => r.Outcome == "pass"), g.Count(IsFailure), g.Count(IsSkipped),
                run.Engines.FirstOrDefault(e => e.Engine == g.Key)?.WallSeconds, by));
        }
        return list;
    }

    /// <summary>The core suite: everything but proposals in flight, legacy exceptions and custom annotations.</summary>
    public static bool IsCoreFile(string relativePath) =>
        !relativePath.StartsWith("proposals/", StringComparison.Ordinal) && !relativePath.StartsWith("legacy/", StringComparison.Ordinal)
        && !relativePath.StartsWith("custom/", StringComparison.Ordinal);

    private static bool IsFailure(ConformanceRow r) => r.Outcome is "fail" or "error" or "timeout" or "crash";
    private static bool IsSkipped(ConformanceRow r) => r.Outcome is "unsupported" or "not-applicable";

    private static string ToJson(ConformanceRun run, List<EngineSummary> summary)
    {
        var engines = new JsonArray();
        foreach (var s in summary)
        {
            var by = new JsonObject();
            foreach (var (f, v) in s.ByFeature) by[f] = new JsonObject { ["total"] = v.Total, ["passed"] = v.Passed };
            engines.Add(new JsonObject
            {
                ["engine"] = s.Engine, ["total"] = s.Total, ["passed"] = s.Passed, ["failed"] = s.Failed, ["skipped"] = s.Skipped,
                ["wallSeconds"] = s.Seconds, ["byFeature"] = by,
            });
        }
        return new JsonObject { ["suite"] = run.Suite, ["revision"] = run.Revision, ["runId"] = run.RunId, ["status"] = run.Status, ["engines"] = engines }
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static void Print(ConformanceRun run, List<EngineSummary> summary, TextWriter w)
    {
        var t = new TextTable("engine", "feature", "total", "passed", "failed", "skipped", "pass %");
        foreach (var s in summary)
            foreach (var (f, v) in s.ByFeature)
                t.Add(s.Engine, f, N(v.Total), N(v.Passed), N(v.Failed), N(v.Skipped), Pct(v.Passed, v.Total - v.Skipped));
        t.Write(w);
        w.WriteLine();
        foreach (var s in summary)
        {
            var rate = run.Suite == "spec" && s.Seconds is > 0 ? $", {s.Total / s.Seconds.Value:0} assertions/s over {s.Seconds.Value:0.0} s wall" : "";
            w.WriteLine($"{s.Engine}: {s.Passed} of {s.Total} assertions passed ({Pct(s.Passed, s.Total)} of all, {Pct(s.Passed, s.Total - s.Skipped)} of those run), {s.Failed} failed, {s.Skipped} unsupported or not applicable{rate}");
        }
        if (run.Suite == "spec")
            foreach (var g in run.Rows.Where(r => r.IsAssertion && IsCoreFile(r.File)).GroupBy(r => r.Engine))
                w.WriteLine($"{g.Key}: core suite (files outside proposals/, legacy/, custom/): {g.Count(r => r.Outcome == "pass")} of {g.Count()} passed ({Pct(g.Count(r => r.Outcome == "pass"), g.Count())})");
        w.WriteLine($"suite {run.Suite} at {run.Revision}; run {run.RunId}. pass % counts only assertions the engine could run (unsupported and not-applicable are skipped).");
    }

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Pct(int a, int b) => b <= 0 ? "-" : (100.0 * a / b).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    internal static string? Trim(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
