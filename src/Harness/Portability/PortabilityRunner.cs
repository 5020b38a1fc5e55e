using System.Collections.Concurrent;
using System.Globalization;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Naming;
using Observatory.Core.Runs;
using Observatory.Core.Workloads;
using Observatory.Harness.Corpus;
using Observatory.Harness.Running;

namespace Observatory.Harness.Portability;

/// <summary>
/// Runs the portability matrix: every workload variant once on the x86_64 reference (native, else the wasm
/// reference engine), then once on every engine of every ISA, each output judged byte for byte against the
/// reference. Timing is recorded but is not performance data. The work is two queues (<see cref="WorkQueue"/>)
/// on <c>jobs</c> processes at once (emulation is CPU-bound, about one core per process): first the reference
/// with the cross builds of the natives, then every (ISA, engine, variant) cell and every batch of a batch
/// engine, longest first over all of them, so no core idles at the end of one engine while another has work.
/// Each part (the reference, the cross builds, one engine of one ISA) still says what it cost
/// (<see cref="PartClock"/>): the CPU of its own processes, and its first start to its last end.
/// </summary>
public sealed class PortabilityRunner(RunProfile profile, string scratchRoot, WorkloadBuilder builder, TextWriter log, int jobs, TimeSpan timeout)
{
    private sealed record Reference(byte[]? Bytes, string Engine, string? Problem, double Seconds);

    public PortabilityResult Run(string runId, PortabilityPlan plan, CancellationToken ct = default)
    {
        var started = DateTime.UtcNow;
        var rows = new ConcurrentBag<PortabilityRow>();
        var references = new ConcurrentDictionary<string, Reference>();
        var clocks = new List<PartClock>();
        PartClock Clock(string isa, string engine, int cells)
        {
            var c = new PartClock(isa, engine, cells, log);
            clocks.Add(c);
            return c;
        }

        // First queue: the reference (every emulated cell is judged against it), and the cross-compiled natives
        // (nothing to do when cached), which do not need it and fill the reference's tail.
        var first = new List<WorkQueue.Item>();
        var reference = Clock(InstructionSet.Host, "reference", plan.Artifacts.Count);
        foreach (var a in plan.Artifacts)
            first.Add(new(reference, (a.WasmPath is { } w && File.Exists(w) ? new FileInfo(w).Length / 1e6 : 0), () =>
            {
                var engine = a.NativePath is not null && plan.Native is not null ? plan.Native : plan.WasmReference;
                if (engine is null) { references[a.Key] = new(null, "", "no x86_64 reference engine is ready (native or the wasm reference)", 0); return; }
                // The reference runs natively on a loaded machine: it gets the profile's timeout, not the short emulation one.
                var r = Once(runId, a, engine, engine.Descriptor.IsNative ? a.NativePath! : a.WasmPath!, profile.For(a.Workload.SamplingFor(profile.Name)).Timeout, ct);
                var ok = r is { Outcome: Outcome.Ok, ExitCode: null or 0 } && r.StdoutPath is not null && File.Exists(r.StdoutPath);
                var found = ok ? new Reference(File.ReadAllBytes(r!.StdoutPath!), engine.Descriptor.Id, null, (r.ExecuteNs ?? 0) / 1e9)
                    : new Reference(null, engine.Descriptor.Id, $"the reference {engine.Descriptor.Id} failed: {r?.Outcome.ToWire()}: {r?.Message}", 0);
                references[a.Key] = found;
                rows.Add(Row(runId, started, a, engine.Descriptor, ok ? new(PortabilityRow.Agree, "the x86_64 reference", null) : new(r is null ? "crash" : r.Outcome == Outcome.Ok ? Outcome.WrongOutput.ToWire() : r.Outcome.ToWire(), found.Problem, null), engine.Descriptor.Id, r));
            }));
        var crossBuilds = plan.Isas.Where(i => i.Foreign is not null && i.CrossNativeProblem is null && i.Engines.Any(e => e.Descriptor.IsNative))
            .SelectMany(i => plan.Artifacts.Where(a => a.NativePath is not null).Select(a => (Isa: i, Artifact: a))).ToList();
        if (crossBuilds.Count > 0)
        {
            var cross = Clock("all", "native cross builds", crossBuilds.Count);
            first.AddRange(crossBuilds.Select(b => new WorkQueue.Item(cross, 0, () => CrossNative(b.Artifact, b.Isa, out _))));
        }
        WorkQueue.Run(first, jobs, ct);

        // Longest first: the reference's time, plus a second per MB of module, which an emulated engine compiles
        // slowly (YoWASP clang's 75 MB takes longer to compile under qemu than most kernels take to run).
        double Cost(BuildArtifact a) => references[a.Key].Seconds + (a.WasmPath is { } w && File.Exists(w) ? new FileInfo(w).Length / 1e6 : 0);
        var longestFirst = plan.Artifacts.OrderByDescending(Cost).ThenBy(a => a.Key, StringComparer.Ordinal).ToList();
        // The x86_64 wasm reference is an engine of the matrix too, on the cells native was the reference of
        // (its own reference cells are in already).
        List<BuildArtifact> CellsOf(IEngine e) => e == plan.WasmReference ? longestFirst.Where(a => references[a.Key].Engine != e.Descriptor.Id).ToList() : longestFirst;
        var groups = plan.Isas.SelectMany(isa => isa.Engines.Where(e => e != plan.Native).Select(e => (Isa: isa, Engine: e, Cells: CellsOf(e)))).ToList();
        var total = groups.Sum(g => g.Cells.Count);
        var done = 0;
        var second = new List<WorkQueue.Item>();
        foreach (var (isa, e, cells) in groups)
        {
            var part = Clock(isa.Isa, e.Descriptor.Id, cells.Count);
            void Record(BuildArtifact a, PortabilityVerdict.Judgement judgement, IterationResult? result)
            {
                var d = e.Descriptor;
                rows.Add(Row(runId, started, a, d, judgement, references[a.Key].Engine, result));
                var n = Interlocked.Increment(ref done);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{n}/{total}] {a.Key} on {d.Id} ({d.Architecture()}): {judgement.Verdict}")
                              + (judgement.Verdict == PortabilityRow.Agree ? "" : $": {Cut(judgement.Message, 200)}"));
            }
            PortabilityVerdict.Judgement Judge(BuildArtifact a, IterationResult? r) => PortabilityVerdict.Judge(r, references[a.Key].Bytes!, references[a.Key].Engine);

            if (e is IBatchEngine batchEngine && e.Descriptor.Emulated)
            {
                // Start-up outweighs most cells here: the runnable cells go in a few processes (longest first, dealt round).
                var runnable = new List<(BuildArtifact A, EngineInvocation Inv)>();
                foreach (var a in cells)
                {
                    if (Precheck(a, isa, e, references[a.Key], out var artifact) is { } verdict) Record(a, verdict, null);
                    else runnable.Add((a, Invocation(runId, a, e, artifact!, timeout)));
                }
                var count = Math.Clamp(Math.Max(1, jobs) * BatchesPerWorker, 1, Math.Max(1, runnable.Count));
                var batches = Enumerable.Range(0, count).Select(b => runnable.Where((_, i) => i % count == b).ToList()).Where(b => b.Count > 0);
                second.AddRange(batches.Select(batch => new WorkQueue.Item(part, batch.Sum(c => Cost(c.A)), () =>
                {
                    var results = batchEngine.RunBatch(batch.Select(c => c.Inv).ToList(), ct);
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var r = results[i].Iterations.FirstOrDefault();
                        Record(batch[i].A, Judge(batch[i].A, r), r);
                    }
                })));
                continue;
            }
            second.AddRange(cells.Select(a => new WorkQueue.Item(part, Cost(a), () =>
            {
                if (Precheck(a, isa, e, references[a.Key], out var artifact) is { } verdict) { Record(a, verdict, null); return; }
                var r = e.Run(Invocation(runId, a, e, artifact!, timeout), ct).Iterations.FirstOrDefault();
                Record(a, Judge(a, r), r);
            })));
        }
        WorkQueue.Run(second, jobs, ct);
        foreach (var c in clocks) c.LogOnce();
        ResultsPaths.DeleteUnder(scratchRoot, Path.Combine(scratchRoot, runId));
        var ordered = rows.OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal)
            .ThenBy(r => r.Isa == InstructionSet.Host ? 0 : 1).ThenBy(r => r.Isa, StringComparer.Ordinal).ThenBy(r => r.EngineId, StringComparer.Ordinal).ToList();
        return new PortabilityResult(ordered, clocks.Select(c => c.Part).ToList());
    }

    /// <summary>Cross builds are made once per artifact and ISA (cached on disk by content hash across runs).</summary>
    private readonly ConcurrentDictionary<(string, string), Lazy<(string? Path, string? Error)>> _cross = new();

    private string? CrossNative(BuildArtifact a, PortabilityPlan.IsaEngines isa, out string? why)
    {
        var built = _cross.GetOrAdd((a.Key, isa.Isa), _ => new(() =>
        {
            if (isa.CrossNativeProblem is { } p) return (null, p);
            if (isa.Foreign is null) return (null, "the host's native build is the reference");
            var path = builder.BuildCrossNative(a, isa.Foreign, out var error);
            return (path, error);
        })).Value;
        why = built.Error is null ? null : $"no native build for {isa.Isa}: {built.Error.Split('\n')[0]}";
        return built.Path;
    }

    /// <summary>Batches per parallel process for an engine that runs many cells per process: few starts, a short tail.</summary>
    public const int BatchesPerWorker = 4;

    /// <summary>The verdict of a cell that is not run (no reference, no WASI, no cross build), or null and the artifact to run.</summary>
    private PortabilityVerdict.Judgement? Precheck(BuildArtifact a, PortabilityPlan.IsaEngines isa, IEngine e, Reference reference, out string? artifact)
    {
        artifact = null;
        var d = e.Descriptor;
        if (reference.Bytes is null) return new(PortabilityRow.NoReference, $"not judged: {reference.Problem}", null);
        if (!d.IsNative && !d.SupportsWasi && a.Workload.UsesWasi) return new("unsupported", $"{d.Id} has no WASI", null);
        string? why = null;
        artifact = d.IsNative ? CrossNative(a, isa, out why) : a.WasmPath;
        return artifact is null ? new("unsupported", why, null) : null;
    }

    private IterationResult? Once(string runId, BuildArtifact a, IEngine engine, string artifact, TimeSpan limit, CancellationToken ct) =>
        engine.Run(Invocation(runId, a, engine, artifact, limit), ct).Iterations.FirstOrDefault();

    private EngineInvocation Invocation(string runId, BuildArtifact a, IEngine engine, string artifact, TimeSpan limit)
    {
        var scratch = ResultsPaths.EnsureUnder(scratchRoot, Path.Combine(scratchRoot, PathName.Require("run id", runId),
            PathName.Require("workload", a.Workload.Name), PathName.Require("variant", a.Variant.Name), PathName.ForEngine(engine.Descriptor.Id)));
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        return new EngineInvocation
        {
            ArtifactPath = artifact,
            Args = Input(a).Args,
            StdinPath = a.Workload.StdinFile is null ? null : Path.Combine(a.Workload.Directory, a.Workload.StdinFile),
            Preopens = [new DirectoryMapping(a.GuestRoot ?? data, "/")],
            ScratchDirectory = scratch,
            Iterations = 1,
            // Emulated engines scale this themselves (and say so when it runs out).
            Timeout = limit,
            ProgramName = a.Workload.Program ?? a.Workload.Name,
            Requests = a.Variant.Requests,
        };
    }

    private PortabilityRow Row(string runId, DateTime started, BuildArtifact a, EngineDescriptor d, PortabilityVerdict.Judgement j, string reference, IterationResult? r) =>
        Row(runId, started, a, d, j, reference, r, Input(a).Profile);

    private static PortabilityRow Row(string runId, DateTime started, BuildArtifact a, EngineDescriptor d, PortabilityVerdict.Judgement j, string reference, IterationResult? r, string inputProfile) => new()
    {
        RunId = runId, StartedUtc = started, Workload = a.Workload.Name, Variant = a.Variant.Name,
        EngineId = d.Id, Family = d.Family, Version = d.Version, Isa = d.Isa, Emulated = d.Emulated,
        Verdict = j.Verdict, Message = j.Message, ReferenceEngine = reference,
        FirstDifference = j.Diff?.Offset, ExpectedBytes = j.Diff?.Expected, ActualBytes = j.Diff?.Actual,
        WallNs = r?.ExecuteNs, InputProfile = inputProfile,
    };

    /// <summary>
    /// The input a variant runs in the matrix, on the reference and every cell alike so outputs compare: the
    /// workload's declared emulated input (a fraction of the quick work: soft-float kernels cost minutes per
    /// cell under qemu), else the profile's.
    /// </summary>
    private (string Profile, IReadOnlyList<string> Args) Input(BuildArtifact a) =>
        a.Workload.EmulatedArgs is { } e ? (WorkloadManifest.EmulatedProfile, e) : (profile.Name, a.Workload.ArgsFor(profile.Name));

    private static string Cut(string? s, int n) => s is null ? "" : s.Length <= n ? s : s[..n] + "...";
}
