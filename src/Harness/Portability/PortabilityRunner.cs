using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Naming;
using Observatory.Core.Runs;
using Observatory.Harness.Corpus;
using Observatory.Harness.Running;

namespace Observatory.Harness.Portability;

/// <summary>
/// Runs the portability matrix: every workload variant once on the x86_64 reference (native, else the wasm
/// reference engine), then once on every engine of every ISA, each output judged byte for byte against the
/// reference. Timing is recorded but is not performance data. The work is done in parts, one after another:
/// the reference, then each engine of each ISA, every part on <c>jobs</c> processes at once (emulation is
/// CPU-bound, about one core per process), its variants longest first so the part ends with short ones. A
/// part's CPU time is its own (<see cref="PortabilityPart"/>), logged when it ends.
/// </summary>
public sealed class PortabilityRunner(RunProfile profile, string scratchRoot, WorkloadBuilder builder, TextWriter log, int jobs, TimeSpan timeout)
{
    private sealed record Reference(byte[]? Bytes, string Engine, string? Problem, double Seconds);

    public PortabilityResult Run(string runId, PortabilityPlan plan, CancellationToken ct = default)
    {
        var started = DateTime.UtcNow;
        var rows = new ConcurrentBag<PortabilityRow>();
        var parts = new List<PortabilityPart>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = ct };
        var references = new ConcurrentDictionary<string, Reference>();
        parts.Add(Part(InstructionSet.Host, "reference", plan.Artifacts.Count, () => Parallel.ForEach(plan.Artifacts, parallel, a =>
        {
            var engine = a.NativePath is not null && plan.Native is not null ? plan.Native : plan.WasmReference;
            if (engine is null) { references[a.Key] = new(null, "", "no x86_64 reference engine is ready (native or the wasm reference)", 0); return; }
            // The reference runs natively on a loaded machine: it gets the profile's timeout, not the short emulation one.
            var r = Once(runId, a, engine, engine.Descriptor.IsNative ? a.NativePath! : a.WasmPath!, profile.For(a.Workload.SamplingFor(profile.Name)).Timeout, ct);
            var ok = r is { Outcome: Outcome.Ok, ExitCode: null or 0 } && r.StdoutPath is not null && File.Exists(r.StdoutPath);
            var reference = ok ? new Reference(File.ReadAllBytes(r!.StdoutPath!), engine.Descriptor.Id, null, (r.ExecuteNs ?? 0) / 1e9)
                : new Reference(null, engine.Descriptor.Id, $"the reference {engine.Descriptor.Id} failed: {r?.Outcome.ToWire()}: {r?.Message}", 0);
            references[a.Key] = reference;
            rows.Add(Row(runId, started, a, engine.Descriptor, ok ? new(PortabilityRow.Agree, "the x86_64 reference", null) : new(r is null ? "crash" : r.Outcome == Outcome.Ok ? Outcome.WrongOutput.ToWire() : r.Outcome.ToWire(), reference.Problem, null), engine.Descriptor.Id, r));
        })));

        // Longest first: the reference's time, plus a second per MB of module, which an emulated engine compiles
        // slowly (YoWASP clang's 75 MB takes longer to compile under qemu than most kernels take to run).
        var longestFirst = plan.Artifacts.OrderByDescending(a => references[a.Key].Seconds + (a.WasmPath is { } w && File.Exists(w) ? new FileInfo(w).Length / 1e6 : 0))
            .ThenBy(a => a.Key, StringComparer.Ordinal).ToList();
        var groups = plan.Isas.SelectMany(isa => isa.Engines.Where(e => e != plan.Native && e != plan.WasmReference).Select(e => (Isa: isa, Engine: e))).ToList();
        var total = groups.Count * longestFirst.Count;
        var done = 0;
        foreach (var (isa, e) in groups)
            parts.Add(Part(isa.Isa, e.Descriptor.Id, longestFirst.Count, () => Parallel.ForEach(longestFirst, parallel, a =>
            {
                var d = e.Descriptor;
                var reference = references[a.Key];
                PortabilityVerdict.Judgement judgement;
                IterationResult? result = null;
                if (reference.Bytes is null) judgement = new(PortabilityRow.NoReference, $"not judged: {reference.Problem}", null);
                else if (!d.IsNative && !d.SupportsWasi && a.Workload.UsesWasi) judgement = new("unsupported", $"{d.Id} has no WASI", null);
                else
                {
                    string? why = null;
                    var artifact = d.IsNative ? CrossNative(a, isa, out why) : a.WasmPath;
                    if (artifact is null) judgement = new("unsupported", why, null);
                    else
                    {
                        result = Once(runId, a, e, artifact, timeout, ct);
                        judgement = PortabilityVerdict.Judge(result, reference.Bytes, reference.Engine);
                    }
                }
                rows.Add(Row(runId, started, a, d, judgement, reference.Engine, result));
                var n = Interlocked.Increment(ref done);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{n}/{total}] {a.Key} on {d.Id} ({d.Architecture()}): {judgement.Verdict}")
                              + (judgement.Verdict == PortabilityRow.Agree ? "" : $": {Cut(judgement.Message, 200)}"));
            })));
        ResultsPaths.DeleteUnder(scratchRoot, Path.Combine(scratchRoot, runId));
        var ordered = rows.OrderBy(r => r.Workload, StringComparer.Ordinal).ThenBy(r => r.Variant, StringComparer.Ordinal)
            .ThenBy(r => r.Isa == InstructionSet.Host ? 0 : 1).ThenBy(r => r.Isa, StringComparer.Ordinal).ThenBy(r => r.EngineId, StringComparer.Ordinal).ToList();
        return new PortabilityResult(ordered, parts);
    }

    /// <summary>Runs one part, alone, and says what it cost.</summary>
    private PortabilityPart Part(string isa, string engine, int cells, Action work)
    {
        var cpu = ChildProcess.CpuTimeOfChildren;
        var clock = Stopwatch.StartNew();
        work();
        var part = new PortabilityPart(isa, engine, cells, clock.Elapsed, ChildProcess.CpuTimeOfChildren - cpu);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  part {isa} {engine}: {cells} cells in {part.Wall.TotalSeconds:0} s wall, {part.Cpu.TotalSeconds:0} s CPU of its processes"));
        return part;
    }

    /// <summary>Cross builds are made once per artifact and ISA, whichever engine asks first.</summary>
    private readonly ConcurrentDictionary<(string, string), (string? Path, string? Error)> _cross = new();
    private readonly object _buildLock = new();

    private string? CrossNative(BuildArtifact a, PortabilityPlan.IsaEngines isa, out string? why)
    {
        var built = _cross.GetOrAdd((a.Key, isa.Isa), _ =>
        {
            if (isa.CrossNativeProblem is { } p) return (null, p);
            if (isa.Foreign is null) return (null, "the host's native build is the reference");
            lock (_buildLock) { var path = builder.BuildCrossNative(a, isa.Foreign, out var error); return (path, error); }
        });
        why = built.Error is null ? null : $"no native build for {isa.Isa}: {built.Error.Split('\n')[0]}";
        return built.Path;
    }

    private IterationResult? Once(string runId, BuildArtifact a, IEngine engine, string artifact, TimeSpan limit, CancellationToken ct)
    {
        var scratch = ResultsPaths.EnsureUnder(scratchRoot, Path.Combine(scratchRoot, PathName.Require("run id", runId),
            PathName.Require("workload", a.Workload.Name), PathName.Require("variant", a.Variant.Name), PathName.ForEngine(engine.Descriptor.Id)));
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        var inv = new EngineInvocation
        {
            ArtifactPath = artifact,
            Args = a.Workload.ArgsFor(profile.Name),
            StdinPath = a.Workload.StdinFile is null ? null : Path.Combine(a.Workload.Directory, a.Workload.StdinFile),
            Preopens = [new DirectoryMapping(a.GuestRoot ?? data, "/")],
            ScratchDirectory = scratch,
            Iterations = 1,
            // Emulated engines scale this themselves (and say so when it runs out).
            Timeout = limit,
            ProgramName = a.Workload.Program ?? a.Workload.Name,
            Requests = a.Variant.Requests,
        };
        var r = engine.Run(inv, ct);
        return r.Iterations.FirstOrDefault();
    }

    private static PortabilityRow Row(string runId, DateTime started, BuildArtifact a, EngineDescriptor d, PortabilityVerdict.Judgement j, string reference, IterationResult? r) => new()
    {
        RunId = runId, StartedUtc = started, Workload = a.Workload.Name, Variant = a.Variant.Name,
        EngineId = d.Id, Family = d.Family, Version = d.Version, Isa = d.Isa, Emulated = d.Emulated,
        Verdict = j.Verdict, Message = j.Message, ReferenceEngine = reference,
        FirstDifference = j.Diff?.Offset, ExpectedBytes = j.Diff?.Expected, ActualBytes = j.Diff?.Actual,
        WallNs = r?.ExecuteNs,
    };

    private static string Cut(string? s, int n) => s is null ? "" : s.Length <= n ? s : s[..n] + "...";
}
