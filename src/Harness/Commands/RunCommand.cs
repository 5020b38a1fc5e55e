using System.Globalization;
using System.Text.Json.Nodes;
using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Core.Workloads;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;
using Observatory.Harness.Running;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>The main measurement: build, run every workload on every ready engine, verify, store.</summary>
public sealed class RunCommand : ICommand
{
    public const string OverheadWorkload = "noop";

    public string Name => "run";
    public string Summary => "build and run workloads on engines, verify outputs, store the results";
    public string Usage => """
        observatory run [--workloads GLOB] [--engines GLOB] [--variants GLOB] [--profile quick|standard]
        observatory run --wasm FILE [--stdin FILE] [--dir HOST] [--expect-stdout FILE] [--engines GLOB] [-- ARGS]
                        [--label TEXT] [--json] [--db PATH] [--strict] [--workload-dir DIR]
                        [--ci-target F] [--budget SECONDS] [--min-processes N] [--max-processes N]
                        [--iterations N] [--warmup N] [--pin CPUS] [--measure time|instructions|time,instructions] [--no-overhead]
                [--no-sandbox]
          --workloads GLOB     workloads to run (default: all)
          --engines GLOB       engine ids to run (default: every ready engine; see `observatory runtimes`);
                               wasmc:/path/to/lib.so adds any wasm.h library (libwasmer.so, libiwasm.so)
          --variants GLOB      build variants to run (default: all)
          --profile NAME       quick (default) or standard: argument sizes and the sampling defaults below
          --label TEXT         a name for this run, usable in compare (e.g. a branch or commit)
          --json               print {runId, protocol, overhead, cells: [{workload, variant, engine, outcome, medianNs, ciLowNs,
                               ciHighNs, ratioToNative, medianCpuNs, coldTotalMedianNs, maxPeakRssKb, overhead: {...}, ...}]}
          --db PATH            database (default results/observatory.duckdb)
          --strict             exit 1 when any cell is not ok
          --workload-dir DIR   corpus root (default: workloads/ of the repository)
        Bring your own module:
          --wasm FILE          run any core wasm module as an ad-hoc workload (ARGS after --); bench.start/bench.end
                               imports, if any, are timed as the region
          --stdin FILE         its stdin;  --dir HOST  a directory preopened as "/"
          --expect-stdout FILE check stdout against this file (otherwise outputs are recorded, unverified)
        Sampling (each cell runs engine processes in rounds, engines interleaved A B A B; each process runs
        one cold iteration, then warm-ups, then warm samples; native runs one process per sample):
          --ci-target F        stop a cell when the 95% CI of its median is within ±F (default 0.02 = ±2%)
          --budget SECONDS     ...or when it has used this much measured time (quick 8, standard 60)
          --min-processes N    processes per cell at least (quick 3, standard 5)
          --max-processes N    processes per cell at most (quick 15, standard 40); equal to min = fixed count
          --iterations N       iterations per engine process, the cold one included (quick 3, standard 6)
          --warmup N           warm-up iterations after the cold one, left out of statistics (quick 0, standard 1)
          --pin CPUS           pin the observatory and every engine process to these CPUs (taskset; e.g. 1 or 0-1)
          --measure WHAT       time (default), instructions (valgrind callgrind: native and Wasmtime), or both
          --no-overhead        skip the noop workload that measures each engine's harness overhead
          --no-sandbox         run engine processes on the host, not in bubblewrap (they still die with the observatory);
                               needed for --wasm when bubblewrap is missing
        Writes a run bundle to results/runs/RUN-ID/ and ingests it into the database.
        """;
    public IReadOnlyCollection<string> ValueOptions => ["--wasm", "--stdin", "--dir", "--expect-stdout", "--workloads", "--engines", "--variants", "--profile", "--label", "--db", "--workload-dir",
        "--ci-target", "--budget", "--min-processes", "--max-processes", "--iterations", "--warmup", "--pin", "--measure"];
    public IReadOnlyCollection<string> FlagOptions => ["--json", "--strict", "--no-overhead", "--no-sandbox"];

    public int Execute(CommandArgs args, CommandContext context)
    {
        var json = args.Flag("--json");
        var log = json ? context.Error : context.Out;
        var profile = ProfileFrom(args);
        var measures = ParseMeasures(args.Value("--measure", "time"));
        var dbPath = args.Value("--db") ?? context.DefaultDatabase;
        // Fail fast on a locked or corrupt database, before minutes of measuring.
        using (ObservatoryStore.Open(dbPath)) { }

        InstructionCounter? counter = null;
        if (measures.Contains(Measure.Instructions))
        {
            var valgrind = InstructionCounter.FindValgrind()
                ?? throw new UsageException("--measure instructions needs valgrind on PATH (apt-get install valgrind)");
            counter = new InstructionCounter(valgrind, context.EngineEnvironment);
        }
        string? pinned = args.Value("--pin") is { } pin ? CpuPinning.Apply(pin) : null;

        var adHoc = args.Value("--wasm");
        if (adHoc is null && (args.Value("--stdin") ?? args.Value("--dir") ?? args.Value("--expect-stdout")) is not null)
            throw new UsageException("--stdin, --dir and --expect-stdout go with --wasm FILE");
        SandboxGate.Apply(args.Flag("--no-sandbox"), adHoc is null ? null : "--wasm " + adHoc, log);
        var workloads = adHoc is null ? BuildCommand.LoadWorkloads(args, context) : [];
        var adHocArtifact = adHoc is null ? null
            : AdHocModule.Create(adHoc, args.Rest, args.Value("--stdin"), GuestDirectory(args.Value("--dir")), args.Value("--expect-stdout"), context.ArtifactsDirectory);
        var selected = EngineCatalog.Select(context.EngineEnvironment, args.Value("--engines"), Glob.Matches);
        // A pattern that matches nothing is most likely a typo: say so instead of silently running fewer engines.
        foreach (var alternative in (args.Value("--engines") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!alternative.StartsWith("wasmc:", StringComparison.Ordinal) && !selected.Any(e => Glob.Matches(alternative, e.Descriptor.Id)))
                log.WriteLine($"warning: --engines '{alternative}' matches no engine id (ids look like wasmtime-{Collectors.Engines.Wasmtime.WasmtimeEngine.PackageVersion}/cranelift+pooling; see `observatory runtimes`)");
        foreach (var e in selected.Where(e => e.Descriptor.Status != EngineStatus.Ready))
            log.WriteLine($"skipping {e.Descriptor.Id}: {e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}");
        var engines = selected.Where(e => e.Descriptor.Status == EngineStatus.Ready).ToList();
        if (engines.Count == 0)
            throw new UsageException($"no ready engine matches '{args.Value("--engines")}' (see `observatory runtimes`)");

        var toolchain = new Toolchain(Path.Combine(context.ResultsDirectory, "toolchain"));
        var builder = new WorkloadBuilder(context.ArtifactsDirectory, toolchain, log, context.RepositoryRoot);
        var artifacts = adHoc is null
            ? builder.BuildAll(workloads, args.Value("--variants"))
            : [adHocArtifact!];
        foreach (var failed in artifacts.Where(a => !a.Ok))
            log.WriteLine($"not running {failed.Key}: build failed: {failed.Error!.Split('\n').Last()}");
        var overhead = args.Flag("--no-overhead") ? null : BuildOverhead(context, builder, log);

        var versions = new Dictionary<string, string>(toolchain.Versions);
        foreach (var (k, v) in ToolVersions.Probe()) versions[k] = v;
        var measured = (overhead is null ? artifacts : [overhead, .. artifacts]).Where(a => a.Ok).DistinctBy(a => a.Key).ToList();
        var fingerprint = FingerprintProbe.Capture(versions,
            runtimes: engines.ToDictionary(e => e.Descriptor.Id, e => Runtime(e.Descriptor)),
            workloads: measured.ToDictionary(a => a.Key, a => WorkloadIdentity(a, profile.Name)),
            pinning: pinned);
        var runId = NewRunId();
        var executor = new RunExecutor(profile, Path.Combine(context.ResultsDirectory, "scratch"), log)
        {
            OverheadArtifact = overhead, Measures = measures, InstructionCounter = counter, PinnedCpus = pinned,
        };
        var run = executor.Execute(runId, args.Value("--label", ""), artifacts, engines, fingerprint);

        var bundle = RunBundle.Write(run, context.RunsDirectory);
        using (var store = ObservatoryStore.Open(dbPath))
            store.Ingest(run);
        log.WriteLine($"stored run {runId}: bundle {bundle}, database {Path.GetFullPath(dbPath)}");

        if (json) context.Out.WriteLine(ToJson(run));
        else PrintTable(run, context.Out);
        var notOk = run.Cells.Count(c => c.Outcome != Outcome.Ok);
        return args.Flag("--strict") && notOk > 0 ? 1 : 0;
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
    private static readonly string[] SamplingOptions = ["--min-processes", "--max-processes", "--iterations", "--warmup", "--ci-target", "--budget"];

    internal static RunProfile ProfileFrom(CommandArgs args)
    {
        var p = RunProfile.Parse(args.Value("--profile", "quick"));
        var min = args.Int("--min-processes", p.MinProcesses);
        var max = args.Int("--max-processes", Math.Max(min, p.MaxProcesses));
        var budget = args.Double("--budget", p.Budget.TotalSeconds);
        if (!(budget > 0) || double.IsInfinity(budget))
            throw new UsageException($"--budget must be a positive number of seconds (got {args.Value("--budget")})");
        return (p with
        {
            Processes = min,
            MaxProcesses = max,
            Iterations = args.Int("--iterations", p.Iterations),
            WarmupIterations = args.Int("--warmup", p.WarmupIterations),
            CiTarget = args.Double("--ci-target", p.CiTarget),
            Budget = TimeSpan.FromSeconds(Math.Min(budget, 1e9)),
            FromCommandLine = SamplingOptions.Where(o => args.Value(o) is not null).ToHashSet(),
        }).Validate();
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

    private static JsonObject? OverheadJson(PhaseOverhead? o) => o is null ? null : new JsonObject
    {
        ["compileNs"] = o.CompileNs, ["instantiateNs"] = o.InstantiateNs, ["executeNs"] = o.ExecuteNs,
        ["regionNs"] = o.RegionNs, ["totalNs"] = o.TotalNs, ["cpuNs"] = o.CpuNs, ["peakRssKb"] = o.PeakRssKb,
    };

    public static string ToJson(RunInfo run)
    {
        var cells = new JsonArray();
        foreach (var c in run.Cells)
            cells.Add(new JsonObject
            {
                ["workload"] = c.Workload, ["variant"] = c.Variant, ["engine"] = c.Engine, ["outcome"] = c.Outcome.ToWire(),
                ["samples"] = c.Samples, ["processes"] = c.Processes, ["stopReason"] = c.StopReason, ["ciTargetMet"] = c.CiTargetMet,
                ["medianNs"] = c.MedianNs, ["ciLowNs"] = c.CiLowNs, ["ciHighNs"] = c.CiHighNs,
                ["ratioToNative"] = c.RatioToNative, ["ratioCiLow"] = c.RatioCiLow, ["ratioCiHigh"] = c.RatioCiHigh,
                ["medianCpuNs"] = c.MedianCpuNs, ["cpuCiLowNs"] = c.CpuCiLowNs, ["cpuCiHighNs"] = c.CpuCiHighNs,
                ["medianCompileNs"] = c.MedianCompileNs, ["medianInstantiateNs"] = c.MedianInstantiateNs,
                ["coldTotalMedianNs"] = c.ColdTotalMedianNs, ["coldTotalCiLowNs"] = c.ColdTotalCiLowNs, ["coldTotalCiHighNs"] = c.ColdTotalCiHighNs,
                ["coldExecuteMedianNs"] = c.ColdExecuteMedianNs,
                ["medianPeakRssKb"] = c.MedianPeakRssKb, ["maxPeakRssKb"] = c.MaxPeakRssKb, ["maxLinearMemoryBytes"] = c.MaxLinearMemoryBytes,
                ["medianInstructions"] = c.MedianInstructions,
                ["overhead"] = OverheadJson(c.Overhead),
                ["message"] = c.Message,
            });
        var overheads = new JsonArray();
        foreach (var o in run.Overheads)
        {
            var j = OverheadJson(o)!;
            j.Insert(0, "engine", o.Engine);
            overheads.Add(j);
        }
        var p = run.Protocol;
        var o2 = new JsonObject
        {
            ["runId"] = run.RunId, ["label"] = run.Label, ["profile"] = run.Profile, ["fingerprint"] = run.Fingerprint.Id,
            ["protocol"] = p is null ? null : new JsonObject
            {
                ["minProcesses"] = p.MinProcesses, ["maxProcesses"] = p.MaxProcesses, ["iterations"] = p.Iterations,
                ["warmupIterations"] = p.WarmupIterations, ["ciTarget"] = p.CiTarget, ["budgetSeconds"] = p.BudgetSeconds,
                ["pinnedCpus"] = p.PinnedCpus, ["measures"] = new JsonArray(p.Measures.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray()),
                ["overheadWorkload"] = p.OverheadWorkload, ["sandbox"] = p.Sandbox,
            },
            ["overhead"] = overheads,
            ["cells"] = cells,
            ["regions"] = RegionsJson(run),
        };
        return o2.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonArray RegionsJson(RunInfo run)
    {
        var regions = new JsonArray();
        foreach (var r in run.Regions)
            regions.Add(new JsonObject
            {
                ["workload"] = r.Workload, ["variant"] = r.Variant, ["engine"] = r.Engine, ["index"] = r.Index, ["name"] = r.Name,
                ["declared"] = r.Declared, ["unit"] = r.Unit, ["count"] = r.Count, ["samples"] = r.Samples,
                ["medianNs"] = r.MedianNs, ["ciLowNs"] = r.CiLowNs, ["ciHighNs"] = r.CiHighNs, ["ratePerSecond"] = r.RatePerSecond,
            });
        return regions;
    }

    /// <summary>The regions block: per cell, each named region's median, CI and rate (e.g. "prefill 128 tokens 41.2 ms 3,107 tokens/s").</summary>
    public static void PrintRegions(RunInfo run, TextWriter w)
    {
        if (run.Regions.Count == 0) return;
        w.WriteLine();
        w.WriteLine("regions");
        var t = new TextTable("workload", "variant", "engine", "region", "work", "median", "95% CI", "rate", "vs native");
        foreach (var r in run.Regions.OrderBy(r => r.Workload).ThenBy(r => r.Variant).ThenBy(r => r.Index).ThenBy(r => r.Engine == "native" ? 0 : 1).ThenBy(r => r.Engine, StringComparer.Ordinal))
        {
            var native = run.Regions.FirstOrDefault(n => n.Engine == "native" && n.Workload == r.Workload && n.Variant == r.Variant && n.Index == r.Index);
            // With a count: the rate relative to native's (above 1 = more work per second); without one: the time ratio, as in the matrix.
            var versus = native?.MedianNs is not > 0 || r.MedianNs is not > 0 ? ""
                : r.RatePerSecond is { } rate && native.RatePerSecond is > 0
                    ? (rate / native.RatePerSecond.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x rate"
                    : (r.MedianNs.Value / native.MedianNs.Value).ToString("0.00", CultureInfo.InvariantCulture) + "x time";
            t.Add(r.Workload, r.Variant, r.Engine, r.Name,
                r.Count is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n:N0} {r.Unit}") : "",
                Units.Duration(r.MedianNs), r.CiLowNs is null ? "" : $"{Units.Duration(r.CiLowNs)} .. {Units.Duration(r.CiHighNs)}",
                RegionSummary.FormatRate(r.RatePerSecond, r.Unit), versus);
        }
        t.Write(w);
        w.WriteLine("regions = each bench.start/bench.end span in call order, named by the workload's [[regions]] (extra spans: \"region N\");");
        w.WriteLine("median over warm samples with its 95% CI; rate = work / median seconds; vs native = the rate relative to native's (above 1 = faster),");
        w.WriteLine("or for a region without a count its time relative to native's (below 1 = faster).");
    }

    private static void PrintTable(RunInfo run, TextWriter w)
    {
        var t = new TextTable("workload", "variant", "engine", "outcome", "n", "median", "95% CI", "x native", "ratio 95% CI", "cpu", "cold start", "peak RSS", "overhead", "stop");
        foreach (var c in run.Cells.OrderBy(c => c.Workload == run.Protocol?.OverheadWorkload ? 0 : 1).ThenBy(c => c.Workload).ThenBy(c => c.Variant).ThenBy(c => c.RatioToNative ?? 0))
        {
            var n = c.Processes > 0 ? $"{c.Samples}/{c.Processes}p" : c.Samples.ToString(CultureInfo.InvariantCulture);
            t.Add(c.Workload, c.Variant, c.Engine, c.Outcome == Outcome.Ok ? "ok" : c.Outcome.ToWire() + (c.Message is null ? "" : $" ({Trim(c.Message)})"),
                n, c.MedianNs is null && c.MedianInstructions is not null ? string.Create(CultureInfo.InvariantCulture, $"{c.MedianInstructions:N0} instr") : Units.Duration(c.MedianNs),
                c.CiLowNs is null ? "" : $"{Units.Duration(c.CiLowNs)} .. {Units.Duration(c.CiHighNs)}",
                c.RatioToNative is null ? "" : c.RatioToNative.Value.ToString("0.00", CultureInfo.InvariantCulture),
                c.RatioCiLow is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{c.RatioCiLow:0.00} .. {c.RatioCiHigh:0.00}"),
                Cpu(c), Units.Duration(c.ColdTotalMedianNs), Kb(c.MaxPeakRssKb), Overhead(c), c.StopReason);
        }
        t.Write(w);
        w.WriteLine("n = samples/processes; median = bench region (or execute phase) over warm samples, wall time; cpu = CPU time of the same span");
        w.WriteLine("(native: of the whole process) with its 95% CI half-width: the steadier clock on a shared machine, used by the stop rule and compare;");
        w.WriteLine("cold start = a fresh process end to end; x native = ratio to the native baseline (1.00 = native speed);");
        w.WriteLine($"overhead = bench region | cold start of the {OverheadWorkload} workload (which does nothing) on that engine in this run: harness cost, not runtime work;");
        w.WriteLine("stop = why sampling ended (ci-target: 95% CI within the target; budget; max-processes; fixed; failed).");
        if (run.Cells.Any(c => c.MedianInstructions is not null))
            foreach (var c in run.Cells.Where(c => c.MedianInstructions is not null && c.MedianNs is not null))
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"instructions {c.Workload}/{c.Variant} on {c.Engine}: {c.MedianInstructions:N0}"));
        PrintRegions(run, w);
        var ok = run.Cells.Count(c => c.Outcome == Outcome.Ok);
        w.WriteLine($"{ok} of {run.Cells.Count} cells ok; run id {run.RunId}");
    }

    private static string Overhead(Cell c) =>
        c.Overhead is not { } o ? "" : $"{Units.Duration(o.RegionNs ?? o.ExecuteNs)} | {Units.Duration(o.TotalNs)}";

    private static string Cpu(Cell c) =>
        c.MedianCpuNs is not { } m ? "" : m > 0 && c.CpuCiLowNs is { } lo && c.CpuCiHighNs is { } hi
            ? string.Create(CultureInfo.InvariantCulture, $"{Units.Duration(m)} ±{Math.Max(hi - m, m - lo) / m:0.0%}") : Units.Duration(m);

    private static string Kb(long? kb) => kb is null ? "" : kb.Value >= 10 * 1024 ? $"{kb.Value / 1024} MB" : $"{kb.Value} kB";

    private static string Trim(string s) => s.Length > 80 ? s[..77] + "..." : s;
}
