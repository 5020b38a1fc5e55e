using System.Globalization;
using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Naming;
using Observatory.Core.Runs;
using Observatory.Core.Workloads;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;
using Observatory.Harness.Exporters;
using Observatory.Harness.Running;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>The main measurement: build, run every workload on every ready engine, verify, store.</summary>
public sealed class RunCommand
{
    public const string OverheadWorkload = "noop";

    public int Execute(RunSettings settings, CommandContext context)
    {
        var json = settings.Json;
        var log = json ? context.Error : context.Out;
        var profile = ProfileFrom(settings);
        var measures = ParseMeasures(settings.Measure ?? "time");
        var dbPath = settings.Database;
        // Fail fast on a locked, corrupt, newer or unwritable database, before minutes of measuring.
        using (ObservatoryStore.Open(dbPath)) { }

        InstructionCounter? counter = null;
        if (measures.Contains(Measure.Instructions))
        {
            var valgrind = InstructionCounter.FindValgrind()
                ?? throw new UsageException("--measure instructions needs valgrind on PATH (apt-get install valgrind)");
            counter = new InstructionCounter(valgrind);
        }
        string? pinned = settings.Pin is { } pin ? CpuPinning.Apply(pin) : null;

        var adHoc = settings.Wasm;
        if (adHoc is null && (settings.Stdin ?? settings.Dir ?? settings.ExpectStdout ?? settings.ExpectStderr ?? settings.Name ?? settings.Compare) is not null)
            throw new UsageException("--stdin, --dir, --expect-stdout, --expect-stderr, --name and --compare go with --wasm FILE|DIR");
        // Foreign modules: --wasm, or a corpus other than the repository's own (--workload-dir).
        var foreignCorpus = settings.Selection.WorkloadDirectory is { } corpus
            && Path.GetFullPath(corpus).TrimEnd('/') != Path.GetFullPath(context.WorkloadsDirectory).TrimEnd('/');
        SandboxGate.Apply(settings.NoSandbox,
            adHoc is not null ? "--wasm " + adHoc : foreignCorpus ? "--workload-dir " + settings.Selection.WorkloadDirectory : null, log);
        var shard = settings.Shard is { } shardText ? Shard.Parse(shardText) : null;
        if (shard is not null && adHoc is not null) throw new UsageException("--shard splits the corpus: it does not go with --wasm");
        var workloads = adHoc is null ? BuildCommand.LoadWorkloads(settings.Selection, context) : [];
        if (shard is not null)
        {
            workloads = shard.Select(workloads);
            if (workloads.Count == 0)
            {
                log.WriteLine($"shard {shard}: no workload falls in this part of the selection; nothing to run");
                return 0;
            }
            log.WriteLine($"shard {shard}: {string.Join(", ", workloads.Select(w => w.Name))}");
        }
        var adHocArtifacts = adHoc is null ? []
            : ForeignModuleSelection.From(settings with { Dir = GuestDirectory(settings.Dir) })
                .Select(m => AdHocModule.Create(m, context.ArtifactsDirectory)).ToList();
        var isas = ArchOption.Parse(settings.Arch);
        if (settings.Ab is not null && settings.Engines is not null)
            throw new UsageException("--ab BASE,HEAD names the run's engines: leave out --engines");
        AbPair? ab = null;
        if (settings.Ab is { } abPattern)
        {
            var (abBase, abHead) = AbEngines.Resolve(abPattern, EngineCatalog.Select(context.EngineEnvironment, abPattern, Glob.Matches, isas));
            ab = new AbPair(abBase.Descriptor.Id, abHead.Descriptor.Id);
        }
        var selected = ab is null
            ? EngineCatalog.Select(context.EngineEnvironment, settings.Engines, Glob.Matches, isas)
            : OrderedPair(EngineCatalog.Select(context.EngineEnvironment, settings.Ab, Glob.Matches, isas), ab);
        // A pattern that matches nothing is most likely a typo: say so instead of silently running fewer engines.
        foreach (var alternative in (settings.Engines ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!alternative.StartsWith("wasmc:", StringComparison.Ordinal) && !selected.Any(e => Glob.Matches(alternative, e.Descriptor.Id)))
                log.WriteLine($"warning: --engines '{alternative}' matches no engine id (ids look like wasmtime-{Collectors.Engines.Wasmtime.WasmtimeEngine.PackageVersion}/cranelift+pooling; see `observatory runtimes`)");
        foreach (var e in selected.Where(e => e.Descriptor.Status != EngineStatus.Ready))
            log.WriteLine($"skipping {e.Descriptor.Id}: {e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}");
        var engines = selected.Where(e => e.Descriptor.Status == EngineStatus.Ready).ToList();
        if (engines.Count == 0)
            throw new UsageException($"no ready engine matches '{settings.Engines}' (see `observatory runtimes`)");

        var reference = ReferenceEngine(settings.Reference, engines);
        if (ab is not null && engines.All(e => e is Collectors.Engines.RuntimeCli.RuntimeCliEngine)) profile = profile.ForAbOfProcesses();

        var toolchain = new Toolchain(Path.Combine(context.ResultsDirectory, "toolchain"));
        var builder = new WorkloadBuilder(context.ArtifactsDirectory, toolchain, log, context.RepositoryRoot);
        var artifacts = adHoc is null
            ? builder.BuildAll(workloads, settings.Selection.Variants)
            : adHocArtifacts;
        foreach (var failed in artifacts.Where(a => !a.Ok))
            log.WriteLine($"not running {failed.Key}: build failed: {failed.Error!.Split('\n').Last()}");
        // A run of nothing would be stored and become "latest": refuse it before measuring the overhead.
        if (artifacts.Count > 0 && artifacts.All(a => !a.Ok))
            throw new CommandFailedException($"every build failed ({string.Join(", ", artifacts.Select(a => a.Key))}); nothing measured, nothing stored");
        var overhead = settings.NoOverhead ? null : BuildOverhead(context, builder, log);

        var versions = new Dictionary<string, string>(toolchain.Versions);
        foreach (var (k, v) in ToolVersions.Probe()) versions[k] = v;
        var measured = (overhead is null ? artifacts : [overhead, .. artifacts]).Where(a => a.Ok).DistinctBy(a => a.Key).ToList();
        var fingerprint = FingerprintProbe.Capture(versions,
            runtimes: engines.ToDictionary(e => e.Descriptor.Id, e => Runtime(e.Descriptor)),
            workloads: measured.ToDictionary(a => a.Key, a => WorkloadIdentity(a, profile.Name)),
            pinning: pinned);
        var runId = NewRunId();
        var scratch = context.ScratchDirectoryFor(dbPath);
        var executor = new RunExecutor(profile, scratch, log)
        {
            OverheadArtifact = overhead, Measures = measures, InstructionCounter = counter, PinnedCpus = pinned,
            Reference = reference, Ab = ab,
        };
        using var interruption = new RunInterruption(context.Error, () => ResultsPaths.DeleteUnder(scratch, Path.Combine(scratch, runId)));
        var run = executor.Execute(runId, settings.Label ?? "", artifacts, engines, fingerprint, interruption.Token);
        if (interruption.Interrupted && run.Samples.Count == 0)
        {
            context.Error.WriteLine($"observatory run: interrupted by {interruption.SignalName} before any sample was measured: nothing stored");
            return interruption.ExitCode;
        }
        // Only the noop calibration (or nothing) ran: no engine applies to any built workload.
        if (run.Cells.All(c => c.Workload == overhead?.Workload.Name) && !artifacts.Any(a => a.Ok && a.Workload.Name == overhead?.Workload.Name))
            throw new CommandFailedException("no cell could run: no ready engine can run any built workload (see `observatory runtimes`); nothing stored");
        if (interruption.Interrupted) run = run with { Status = RunStatus.Interrupted };
        interruption.Storing = true;

        var kept = new RunKeeper(log, context.Error).Keep(run, context.RunsDirectoryFor(dbPath), dbPath);
        if (interruption.Interrupted)
        {
            context.Error.WriteLine($"observatory run: interrupted by {interruption.SignalName}: kept {Units.Count(run.Samples.Count, "sample")} of {Units.Count(run.Cells.Count, "cell")} as run {runId} (status interrupted; compare it by its id)" +
                (kept ? $": database {Path.GetFullPath(dbPath)}, bundle under {context.RunsDirectoryFor(dbPath)}" : "; storing it failed: see the line above"));
            return interruption.ExitCode;
        }

        foreach (var exporter in RunExporters.For(json, wide: settings.Wide))
            exporter.Export(run, context.Out);
        if (!kept) return 1;
        var notOk = run.Cells.Count(c => c.Outcome != Outcome.Ok);
        return settings.Strict && notOk > 0 ? 1 : 0;
    }

    /// <summary>The A/B pair in base, head order: the rounds interleave the engines in the order given.</summary>
    private static List<IEngine> OrderedPair(IReadOnlyList<IEngine> selected, AbPair ab) =>
        [selected.First(e => e.Descriptor.Id == ab.Base), selected.First(e => e.Descriptor.Id == ab.Head)];

    /// <summary>--reference ENGINE: one of the run's engines (an id or a glob naming one); null = native when it runs.</summary>
    private static string? ReferenceEngine(string? pattern, IReadOnlyList<IEngine> engines)
    {
        if (pattern is null) return null;
        var matches = engines.Where(e => Glob.Matches(pattern, e.Descriptor.Id)).ToList();
        return matches.Count == 1 ? matches[0].Descriptor.Id
            : throw new UsageException(matches.Count == 0
                ? $"--reference '{pattern}' is not one of this run's engines ({string.Join(", ", engines.Select(e => e.Descriptor.Id))})"
                : $"--reference '{pattern}' matches {matches.Count} of this run's engines ({string.Join(", ", matches.Select(e => e.Descriptor.Id))}); name one");
    }

    /// <summary>--dir HOST or HOST::/ : the directory the module sees as "/".</summary>
    private static string? GuestDirectory(string? dir)
    {
        if (dir is null) return null;
        var sep = dir.IndexOf("::", StringComparison.Ordinal);
        if (sep < 0) return dir;
        var guest = dir[(sep + 2)..];
        if (guest is not ("/" or "." or ""))
            throw new UsageException($"--dir {dir}: the directory is preopened as \"/\" (HOST or HOST::/); other guest paths are not supported");
        return dir[..sep];
    }

    /// <summary>The profile's defaults with any sampling option the user gave; each bad value names its option.</summary>
    internal static RunProfile ProfileFrom(RunSettings s)
    {
        var p = RunProfile.Parse(s.Profile ?? "quick");
        var min = s.MinProcesses ?? p.MinProcesses;
        var max = s.MaxProcesses ?? Math.Max(min, p.MaxProcesses);
        var budget = s.BudgetSeconds ?? p.Budget.TotalSeconds;
        if (!(budget > 0) || double.IsInfinity(budget))
            throw new UsageException($"--budget must be a positive number of seconds (got {budget.ToString(CultureInfo.InvariantCulture)})");
        var given = new Dictionary<string, bool>
        {
            ["--min-processes"] = s.MinProcesses is not null, ["--max-processes"] = s.MaxProcesses is not null,
            ["--iterations"] = s.Iterations is not null, ["--warmup"] = s.Warmup is not null,
            ["--ci-target"] = s.CiTarget is not null, ["--budget"] = s.BudgetSeconds is not null,
        };
        var profile = p with
        {
            Processes = min,
            MaxProcesses = max,
            Iterations = s.Iterations ?? p.Iterations,
            WarmupIterations = s.Warmup ?? p.WarmupIterations,
            CiTarget = s.CiTarget ?? p.CiTarget,
            Budget = TimeSpan.FromSeconds(Math.Min(budget, 1e9)),
            FromCommandLine = given.Where(g => g.Value).Select(g => g.Key).ToHashSet(),
        };
        // An A/B run samples to the paired ratio's CI: more rounds, a tighter target (RunProfile.ForAb).
        return (s.Ab is null ? profile : profile.ForAb()).Validate();
    }

    internal static IReadOnlyCollection<Measure> ParseMeasures(string value)
    {
        var result = new List<Measure>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MeasureNames.TryParse(part, out var m))
                throw new UsageException($"--measure expects time, instructions or time,instructions (got '{part}')");
            if (!result.Contains(m)) result.Add(m);
        }
        if (result.Count == 0) throw new UsageException("--measure expects time, instructions or time,instructions");
        return result;
    }

    /// <summary>The noop workload from the repository's corpus; a missing or broken one is reported and skipped.</summary>
    private static BuildArtifact? BuildOverhead(CommandContext context, WorkloadBuilder builder, TextWriter log)
    {
        var manifest = Path.Combine(context.WorkloadsDirectory, OverheadWorkload, WorkloadManifestLoader.FileName);
        if (!File.Exists(manifest))
        {
            log.WriteLine($"harness overhead not measured: {manifest} does not exist");
            return null;
        }
        var w = WorkloadManifestLoader.Load(manifest);
        var a = builder.Build(w, w.Variants[0]);
        if (!a.Ok) log.WriteLine($"harness overhead not measured: building {manifest} failed: {a.Error!.Split('\n').Last()}");
        return a.Ok ? a : null;
    }

    private static string Runtime(EngineDescriptor d) =>
        $"version {d.Version} tier {d.Tier}" + (d.Flags.Count == 0 ? "" : $" flags {string.Join(' ', d.Flags)}");

    private static string WorkloadIdentity(BuildArtifact a, string profile) =>
        $"wasm {a.WasmSha256?[..16]}" + (a.NativeSha256 is null ? "" : $" native {a.NativeSha256[..16]}") +
        $" args [{string.Join(' ', a.Workload.ArgsFor(profile))}]" + (a.Variant.Requests is { } n ? $" requests {n}" : "");

    public static string NewRunId() =>
        DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>The --json document (see <see cref="JsonExporter"/>).</summary>
    public static string ToJson(RunInfo run) => JsonExporter.ToJson(run);
}
