using System.Globalization;
using System.Text.Json.Nodes;
using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;
using Observatory.Harness.Running;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>The main measurement: build, run every workload on every ready engine, verify, store.</summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Summary => "build and run workloads on engines, verify outputs, store the results";
    public string Usage => """
        observatory run [--workloads GLOB] [--engines GLOB] [--variants GLOB] [--profile quick|standard]
                        [--label TEXT] [--json] [--db PATH] [--strict]
          --workloads GLOB  workloads to run (default: all)
          --engines GLOB    engine ids to run (default: every ready engine; see `observatory runtimes`);
                            wasmc:/path/to/lib.so adds any wasm.h library (libwasmer.so, libiwasm.so)
          --variants GLOB   build variants to run (default: all)
          --profile NAME    quick (default) or standard: argument sizes and sample counts
          --label TEXT      a name for this run, usable in compare (e.g. a branch or commit)
          --json            print {runId, cells: [{workload, variant, engine, outcome, medianNs, ciLowNs, ciHighNs, ratioToNative}]}
          --db PATH         database (default results/observatory.duckdb)
          --strict          exit 1 when any cell is not ok
        Writes a run bundle to results/runs/RUN-ID/ and ingests it into the database.
        """;
    public IReadOnlyCollection<string> ValueOptions => ["--workloads", "--engines", "--variants", "--profile", "--label", "--db", "--workload-dir"];
    public IReadOnlyCollection<string> FlagOptions => ["--json", "--strict"];

    public int Execute(CommandArgs args, CommandContext context)
    {
        var json = args.Flag("--json");
        var log = json ? context.Error : context.Out;
        var profile = RunProfile.Parse(args.Value("--profile", "quick"));
        var dbPath = args.Value("--db") ?? context.DefaultDatabase;
        // Fail fast on a locked or corrupt database, before minutes of measuring.
        using (ObservatoryStore.Open(dbPath)) { }

        var workloads = BuildCommand.LoadWorkloads(args, context);
        var selected = EngineCatalog.Select(context.EngineEnvironment, args.Value("--engines"), Glob.Matches);
        foreach (var e in selected.Where(e => e.Descriptor.Status != EngineStatus.Ready))
            log.WriteLine($"skipping {e.Descriptor.Id}: {e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}");
        var engines = selected.Where(e => e.Descriptor.Status == EngineStatus.Ready).ToList();
        if (engines.Count == 0)
            throw new UsageException($"no ready engine matches '{args.Value("--engines")}' (see `observatory runtimes`)");

        var toolchain = new Toolchain(Path.Combine(context.ResultsDirectory, "toolchain"));
        var builder = new WorkloadBuilder(context.ArtifactsDirectory, toolchain, log, context.RepositoryRoot);
        var artifacts = builder.BuildAll(workloads, args.Value("--variants"));
        foreach (var failed in artifacts.Where(a => !a.Ok))
            log.WriteLine($"not running {failed.Key}: build failed: {failed.Error!.Split('\n').Last()}");

        var versions = new Dictionary<string, string>(toolchain.Versions);
        foreach (var e in engines) versions[$"engine:{e.Descriptor.Id}"] = e.Descriptor.Version;
        var fingerprint = FingerprintProbe.Capture(versions);
        var runId = NewRunId();
        var executor = new RunExecutor(profile, Path.Combine(context.ResultsDirectory, "scratch"), log);
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

    public static string NewRunId() =>
        DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];

    private static string ToJson(RunInfo run)
    {
        var cells = new JsonArray();
        foreach (var c in run.Cells)
            cells.Add(new JsonObject
            {
                ["workload"] = c.Workload, ["variant"] = c.Variant, ["engine"] = c.Engine, ["outcome"] = c.Outcome.ToWire(),
                ["samples"] = c.Samples, ["medianNs"] = c.MedianNs, ["ciLowNs"] = c.CiLowNs, ["ciHighNs"] = c.CiHighNs,
                ["ratioToNative"] = c.RatioToNative, ["ratioCiLow"] = c.RatioCiLow, ["ratioCiHigh"] = c.RatioCiHigh,
                ["medianCompileNs"] = c.MedianCompileNs, ["medianInstantiateNs"] = c.MedianInstantiateNs, ["message"] = c.Message,
            });
        var o = new JsonObject { ["runId"] = run.RunId, ["label"] = run.Label, ["profile"] = run.Profile, ["fingerprint"] = run.Fingerprint.Id, ["cells"] = cells };
        return o.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static void PrintTable(RunInfo run, TextWriter w)
    {
        var t = new TextTable("workload", "variant", "engine", "outcome", "n", "median", "95% CI", "x native", "ratio 95% CI");
        foreach (var c in run.Cells.OrderBy(c => c.Workload).ThenBy(c => c.Variant).ThenBy(c => c.RatioToNative ?? 0))
            t.Add(c.Workload, c.Variant, c.Engine, c.Outcome == Outcome.Ok ? "ok" : c.Outcome.ToWire() + (c.Message is null ? "" : $" ({Trim(c.Message)})"),
                c.Samples.ToString(CultureInfo.InvariantCulture), Units.Duration(c.MedianNs),
                c.CiLowNs is null ? "" : $"{Units.Duration(c.CiLowNs)} .. {Units.Duration(c.CiHighNs)}",
                c.RatioToNative is null ? "" : c.RatioToNative.Value.ToString("0.00", CultureInfo.InvariantCulture),
                c.RatioCiLow is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{c.RatioCiLow:0.00} .. {c.RatioCiHigh:0.00}"));
        t.Write(w);
        w.WriteLine($"median = median of the bench region (or execute phase) over warm samples; x native = ratio to the native baseline (1.00 = native speed).");
        var ok = run.Cells.Count(c => c.Outcome == Outcome.Ok);
        w.WriteLine($"{ok} of {run.Cells.Count} cells ok; run id {run.RunId}");
    }

    private static string Trim(string s) => s.Length > 80 ? s[..77] + "..." : s;
}
