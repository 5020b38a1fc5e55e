using System.Globalization;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Core.Environment;
using Observatory.Core.Naming;
using Observatory.Core.Runs;
using Observatory.Core.Workloads;
using Observatory.Harness.Corpus;

using Observatory.Harness.Cli;

namespace Observatory.Harness.Running;

/// <summary>
/// Runs built workloads on engines in rounds. In each round every cell that is still
/// sampling gets one slot, engines taking turns (A B A B, the order rotating every
/// round) so machine drift hits all of them alike. A slot is one engine process of
/// <see cref="RunProfile.Iterations"/> iterations (cold, warm-ups, warm samples); native
/// code has no warm state, so its slot is as many one-iteration processes as an engine
/// slot has warm samples. After each round <see cref="StopRule"/> decides which cells
/// have enough. Then outputs are verified against the reference, the noop workload's
/// phases become each engine's harness overhead, an optional callgrind pass counts
/// instructions, and cells are summarised. Engine failures become outcomes; nothing here
/// throws for a misbehaving module.
/// </summary>
public sealed class RunExecutor(RunProfile profile, string scratchRoot, TextWriter log)
{
    /// <summary>The noop workload, measured on every engine as harness overhead; null to skip.</summary>
    public BuildArtifact? OverheadArtifact { get; init; }

    /// <summary>What to measure: time (phases, wall and CPU), instructions (callgrind), or both.</summary>
    public IReadOnlyCollection<Measure> Measures { get; init; } = [Measure.Time];

    /// <summary>Needed when <see cref="Measures"/> includes instructions.</summary>
    public InstructionCounter? InstructionCounter { get; init; }

    /// <summary>The CPU list the process was pinned to (recorded in the protocol), or null.</summary>
    public string? PinnedCpus { get; init; }

    /// <summary>The engine every sample is divided by, round by round (<see cref="Normalization"/>); null: native when it runs.</summary>
    public string? Reference { get; init; }

    /// <summary>An A/B run: the two engines, sampled as a pair (neither stops while the other needs more).</summary>
    public AbPair? Ab { get; init; }

    private sealed class CellState(BuildArtifact artifact, IEngine engine, bool isOverhead, RunProfile profile)
    {
        public BuildArtifact Artifact { get; } = artifact;
        /// <summary>The run's profile with the workload's own [sampling] bounds applied.</summary>
        public RunProfile Profile { get; } = profile.For(artifact.Workload.SamplingFor(profile.Name));
        public IEngine Engine { get; } = engine;
        public bool IsOverhead { get; } = isOverhead;
        public List<Sample> Samples { get; } = [];
        public int Slots { get; set; }
        public int Processes { get; set; }
        public TimeSpan Spent { get; set; }
        public string? Stop { get; set; }
        /// <summary>Region counts read from this cell's stdout (region index to units), once an ok iteration printed them.</summary>
        public Dictionary<int, long>? Counts { get; set; }
        public (string, string, string) Key => (Artifact.Workload.Name, Artifact.Variant.Name, Engine.Descriptor.Id);
        public string Name => $"{Artifact.Key} on {Engine.Descriptor.Id}";
    }

    public RunInfo Execute(string runId, string label, IReadOnlyList<BuildArtifact> artifacts, IReadOnlyList<IEngine> engines, Fingerprint fingerprint, CancellationToken ct = default)
    {
        profile.Validate();
        var started = DateTimeOffset.UtcNow;
        // The baseline is native code on this machine's own ISA: a cross-compiled binary under qemu is one more emulated engine.
        var native = engines.FirstOrDefault(e => e.Descriptor.IsNativeBaseline);
        var runnable = artifacts.Where(a => a.Ok).ToList();
        // The noop is a calibration even when selected like any workload: measured once per engine, with the minimum count.
        var overhead = OverheadArtifact is { Ok: true } o ? o : null;
        var all = overhead is null ? runnable : [overhead, .. runnable.Where(a => a.Workload.Name != overhead.Workload.Name)];
        var cells = all.SelectMany(a => engines.Where(e => Applies(e, a)).Select(e => new CellState(a, e, a == overhead, profile))).ToList();
        foreach (var line in EngineApplicability.NotRun(runnable, engines)) log.WriteLine(line);
        var measures = Measures.Count == 0 ? [Measure.Time] : Measures;
        // Wrapped at 100 columns: the plan is read in terminals and CI logs.
        var plan = $"run {runId}: {all.Count - (overhead is null ? 0 : 1)} workload variants x {engines.Count} engines = {cells.Count(c => !c.IsOverhead)} cells" +
                   (overhead is null ? "" : $" + {cells.Count(c => c.IsOverhead)} overhead cells ({overhead.Workload.Name})") +
                   $"; {Describe(profile)}" + (PinnedCpus is null ? "" : $"; pinned to CPU {PinnedCpus}") + $"; sandbox {Sandbox.Describe()}";
        foreach (var line in TextWrap.Lines(plan, "", "  ")) log.WriteLine(line);
        foreach (var (workload, own) in OwnSampling(all))
        {
            var effective = profile.For(all.First(a => a.Workload.Name == workload).Workload.SamplingFor(profile.Name));
            var bounds = string.Create(CultureInfo.InvariantCulture,
                $"{workload} has its own sampling bounds (workload.toml [sampling]: {own}; command-line options win): {Describe(effective)}, {effective.Timeout.TotalSeconds:0} s per iteration");
            foreach (var line in TextWrap.Lines(bounds, "  ", "    ")) log.WriteLine(line);
        }

        if (measures.Contains(Measure.Time)) SampleTimes(runId, cells, native, ct);
        else foreach (var c in cells) c.Stop = StopReasons.Fixed;
        if (measures.Contains(Measure.Instructions)) CountInstructions(runId, cells, measures.Contains(Measure.Time), ct);

        TryDelete(Path.Combine(scratchRoot, runId));
        var samples = cells.SelectMany(c => c.Samples).ToList();
        var reference = Reference ?? native?.Descriptor.Id;
        var verified = Normalization.Apply(Verify(samples, all, native?.Descriptor.Id), reference);
        var progress = cells.ToDictionary(c => c.Key, c => new CellProgress(c.Processes, c.Stop ?? StopReasons.Cancelled));
        var emulated = engines.Where(e => e.Descriptor.Emulated).Select(e => e.Descriptor.Id).ToHashSet();
        var bursts = all.Where(a => a.Variant.IsBurst).Select(a => (a.Workload.Name, a.Variant.Name)).ToHashSet();
        var summary = CellSummarizer.Summarize(verified, native?.Descriptor.Id, profile.CiTarget, progress, emulated, bursts);
        var overheads = overhead is null ? [] : CellSummarizer.Overheads(verified.Where(s => s.Workload == overhead.Workload.Name && s.Variant == overhead.Variant.Name).ToList());
        summary = summary.Select(c => c with { Overhead = overheads.FirstOrDefault(x => x.Engine == c.Engine) }).ToList();
        var plans = all.ToDictionary(a => (a.Workload.Name, a.Variant.Name), a => new RegionPlan(
            Path.GetFileName(a.Workload.ManifestPath) == WorkloadManifestLoader.FileName ? a.Workload.ManifestPath : null, a.Workload.RegionsFor(a.Variant)));
        var counts = cells.Where(c => c.Counts is not null)
            .ToDictionary(c => c.Key, c => (IReadOnlyDictionary<int, long>)c.Counts!);
        var regions = RegionSummarizer.Summarize(verified, summary, plans, counts);
        foreach (var warning in regions.Warnings) log.WriteLine($"warning: {warning}");

        return new RunInfo
        {
            RunId = runId,
            Label = label,
            Profile = profile.Name,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            Fingerprint = fingerprint,
            Engines = engines.Select(e => e.Descriptor).ToList(),
            Workloads = all.Select(a => new WorkloadInfo
            {
                Name = a.Workload.Name, Variant = a.Variant.Name, Category = a.Workload.Category, Language = a.Workload.Language,
                WasmSha256 = a.WasmSha256!, NativeSha256 = a.NativeSha256, WasmBytes = new FileInfo(a.WasmPath!).Length,
                Args = a.Workload.ArgsFor(profile.Name),
            }).ToList(),
            Samples = verified,
            Cells = summary,
            ObservatoryVersion = typeof(RunExecutor).Assembly.GetName().Version?.ToString() ?? "",
            Protocol = profile.ToProtocol(PinnedCpus, measures, overhead?.Workload.Name) with
            {
                WorkloadSampling = OwnSampling(all), Sandbox = Sandbox.Describe(), Ab = Ab,
                Reference = measures.Contains(Measure.Time) ? reference : null,
            },
            Overheads = overheads,
            Regions = regions.Regions,
        };
    }

    /// <summary>The workloads of this run that sample with their own bounds, and those bounds.</summary>
    private Dictionary<string, string> OwnSampling(IEnumerable<BuildArtifact> artifacts) =>
        artifacts.Select(a => a.Workload).DistinctBy(w => w.Name)
            .Select(w => (w.Name, Sampling: w.SamplingFor(profile.Name)))
            .Where(x => !x.Sampling.IsEmpty)
            .ToDictionary(x => x.Name, x => x.Sampling.ToString());

    private string Describe(RunProfile p) =>
        Ab is not null && p.IsAdaptive
            ? string.Create(CultureInfo.InvariantCulture, $"{p.MinProcesses}-{p.MaxProcesses} rounds (A B B A) per workload until the 95% CI of the paired head/base ratio is within ±{p.CiTarget:0.##%} or {p.Budget.TotalSeconds:0.#} s are spent per engine, {p.Iterations} iterations per slot ({p.Name})")
        : p.IsAdaptive
            ? string.Create(CultureInfo.InvariantCulture, $"{p.MinProcesses}-{p.MaxProcesses} processes per cell until the median's 95% CI is within ±{p.CiTarget:0.##%} or {p.Budget.TotalSeconds:0.#} s are spent, {p.Iterations} iterations each ({p.Name})")
            : $"{p.MinProcesses} processes x {p.Iterations} iterations per cell ({p.Name})";

    private void SampleTimes(string runId, List<CellState> cells, IEngine? native, CancellationToken ct)
    {
        var round = 0;
        var finished = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!ct.IsCancellationRequested)
        {
            var active = cells.Where(c => c.Stop is null).ToList();
            if (active.Count == 0) break;
            // Rotate the engine order each round so no engine always runs first after a workload switch.
            foreach (var group in active.GroupBy(c => c.Artifact.Key))
            {
                foreach (var cell in RoundOrder.Of(group.ToList(), round))
                {
                    if (ct.IsCancellationRequested) break;
                    RunSlot(runId, cell, round, ct);
                }
            }
            // Interrupted: no cell is decided now, so every unfinished one is recorded as cancelled.
            if (ct.IsCancellationRequested) break;
            round++;
            // Cells only stop here, at the end of a round (every workload's cells take turns within it),
            // so the cells that finished this round are reported together, after all of them are decided.
            var failures = new Dictionary<CellState, Sample?>();
            foreach (var cell in active)
            {
                var expected = OutputVerifier.ExpectedHash(cell.Artifact.Workload,
                    cells.Where(c => c.Artifact == cell.Artifact && c.Engine == native).SelectMany(c => c.Samples));
                var failure = cell.Samples.Select(s => OutputVerifier.Verify(s, expected, "reference", cell.Artifact.Workload.Expected.Streams is not null)).Where(s => s.Outcome != Outcome.Ok).MaxBy(s => s.Outcome.Severity());
                failures[cell] = failure;
                cell.Stop = StopRule.Decide(cell.Profile, cell.Slots, cell.Spent, cell.Samples, failure is not null, cell.IsOverhead);
            }
            if (Ab is not null) DecidePairs(active);
            var done = active.Where(c => c.Stop is not null).Select(c => (Cell: c, Failure: failures[c])).ToList();
            var eta = SamplingEta.Estimate(cells.Select(Pace).ToList(), clock.Elapsed);
            foreach (var (cell, failure) in done)
                log.WriteLine(ProgressLine.Format(++finished, cells.Count, cell.Name, failure?.Outcome ?? Outcome.Ok, failure?.Message,
                    cell.Samples, cell.Processes, cell.Stop!, eta));
            log.WriteLine($"  round {round} done: {cells.Count(c => c.Stop is null)} of {cells.Count} cells still sampling ({cells.Sum(c => c.Samples.Count)} samples)" +
                          (eta is { } t && cells.Any(c => c.Stop is null) ? ", eta " + SamplingEta.Format(t) : ""));
        }
    }

    /// <summary>
    /// A/B: the two cells of a workload variant are one decision (<see cref="AbStopRule"/>): they
    /// stop in the same round, when the paired head/base ratio is known to ±CI target, so base and
    /// head keep the same number of interleaved slots. A failed cell stops alone (its partner goes on
    /// under the ordinary rule).
    /// </summary>
    private void DecidePairs(List<CellState> active)
    {
        foreach (var pair in active.Where(c => !c.IsOverhead).GroupBy(c => c.Artifact.Key))
        {
            var cells = pair.ToList();
            var (b, h) = (cells.FirstOrDefault(c => c.Engine.Descriptor.Id == Ab!.Base), cells.FirstOrDefault(c => c.Engine.Descriptor.Id == Ab!.Head));
            if (b is null || h is null || cells.Any(c => c.Stop == StopReasons.Failed)) continue;
            var stop = AbStopRule.Decide(b.Profile, Math.Min(b.Slots, h.Slots), b.Spent > h.Spent ? b.Spent : h.Spent, b.Samples, h.Samples);
            b.Stop = h.Stop = stop;
        }
    }

    /// <summary>The cell's sampling so far against its bounds (the noop calibration stops at the minimum).</summary>
    private static CellPace Pace(CellState c) =>
        new(c.Slots, c.Spent, c.Profile.MinProcesses, c.IsOverhead ? c.Profile.MinProcesses : c.Profile.MaxProcesses, c.Profile.Budget,
            Done: c.Stop is not null, Failed: c.Stop == StopReasons.Failed);

    private static bool Applies(IEngine e, BuildArtifact a) => EngineApplicability.WhyNot(e.Descriptor, a) is null;

    /// <summary>One slot: an engine process, or for native as many one-iteration processes as an engine slot has warm samples.</summary>
    private void RunSlot(string runId, CellState cell, int round, CancellationToken ct)
    {
        var d = cell.Engine.Descriptor;
        var profile = cell.Profile;
        var processes = d.IsNative ? Math.Max(1, profile.Iterations - 1 - profile.WarmupIterations) : 1;
        for (var i = 0; i < processes; i++)
        {
            var inv = Invocation(runId, cell, cell.Processes, d.IsNative ? 1 : profile.Iterations);
            // An adaptive cell's budget bounds it even inside a slot where the engine can stop between iterations
            // (A/B pairs keep equal slots, fixed counts and the overhead calibration run in full).
            if (profile.IsAdaptive && !cell.IsOverhead && Ab is null)
                inv = inv with { SpendLimit = profile.Budget > cell.Spent ? profile.Budget - cell.Spent : TimeSpan.Zero };
            // Native: the kernel's account of the child's CPU time (bench.h reports wall time only).
            var cpuBefore = d.IsNative ? ChildCpuClock.ReadNs() : null;
            var result = cell.Engine.Run(inv, ct);
            var cpuAfter = d.IsNative ? ChildCpuClock.ReadNs() : null;
            if (ct.IsCancellationRequested)
            {
                // Interrupted: the engine was killed mid-process, so what it reported is no measurement.
                TryDelete(inv.ScratchDirectory);
                return;
            }
            if (result.ProcessFailure is { } f)
                log.WriteLine($"  {cell.Name}: {f.ToWire()}: {result.FailureMessage}");
            else // a failure's message names them already; otherwise they would go unseen
                foreach (var unreadable in result.ProtocolErrors) log.WriteLine($"  {cell.Name}: {unreadable}");
            var childCpu = cpuAfter - cpuBefore;
            // A single-threaded process cannot use more CPU than its lifetime: more means another
            // child of this process (a concurrent caller's) was reaped meanwhile and got counted.
            if (childCpu > result.TotalNs + 1_000_000)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {cell.Name}: CPU time dropped: {childCpu / 1e6:0.0} ms over a {result.TotalNs / 1e6:0.0} ms process (another child process ended meanwhile, or the program is multi-threaded)"));
                childCpu = null;
            }
            foreach (var it in result.Iterations)
                cell.Samples.Add(Read(cell, inv, it, new Sample
                {
                    Workload = cell.Artifact.Workload.Name,
                    Variant = cell.Artifact.Variant.Name,
                    Engine = d.Id,
                    Process = cell.Processes,
                    Iteration = it.Iteration,
                    Outcome = it.Outcome,
                    CompileNs = it.CompileNs,
                    InstantiateNs = it.InstantiateNs,
                    ExecuteNs = it.ExecuteNs,
                    RegionNs = it.RegionNs,
                    RegionsNs = it.RegionsNs,
                    TotalNs = it.Iteration == 0 ? result.TotalNs : null,
                    PeakRssKb = result.PeakRssKb,
                    ExitCode = it.ExitCode,
                    StdoutSha256 = it.StdoutSha256,
                    Message = it.Message,
                    Warmup = it.Iteration >= 1 && it.Iteration <= profile.WarmupIterations,
                    CpuNs = it.CpuNs ?? (result.Iterations.Count == 1 && childCpu is > 0 ? childCpu : null),
                    LinearMemoryBytes = it.LinearMemoryBytes,
                    Round = round,
                }));
            cell.Counts ??= ReadCounts(cell, result);
            cell.Processes++;
            cell.Spent += TimeSpan.FromTicks(result.TotalNs / 100);
            TryDelete(inv.ScratchDirectory);
        }
        cell.Slots++;
    }

    /// <summary>
    /// What only the iteration's files can say, read before the scratch directory goes: the guest's
    /// stderr tail (kept on samples that fail now or may fail verification later; dropped from ok
    /// ones after it) and, for expected files, the check of both streams with its diff.
    /// </summary>
    private static Sample Read(CellState cell, EngineInvocation inv, IterationResult it, Sample s)
    {
        var stderr = GuestOutput.StderrPath(inv.ScratchDirectory, it.Iteration);
        s = s with { StderrTail = GuestOutput.StderrTail(stderr) };
        return cell.Artifact.Workload.Expected.Streams is { } expected
            ? GuestOutput.Check(s, expected, it.StdoutPath ?? GuestOutput.StdoutPath(inv.ScratchDirectory, it.Iteration), stderr)
            : s;
    }

    /// <summary>
    /// The region counts (tokens, rows) a workload prints, read from the first ok iteration's stdout
    /// before the scratch directory goes; null until an iteration printed them. Only ok cells get
    /// region figures, and every ok sample's stdout is the verified one, so any ok iteration will do.
    /// </summary>
    private static Dictionary<int, long>? ReadCounts(CellState cell, ProcessResult result)
    {
        var declared = cell.Artifact.Workload.RegionsFor(cell.Artifact.Variant);
        if (!declared.Any(d => d.Count is not null)) return null;
        var needsStdout = declared.Any(d => d.Count?.Pattern is not null);
        var it = result.Iterations.FirstOrDefault(i => i.Outcome == Outcome.Ok && i.ExitCode is null or 0 && (!needsStdout || i.StdoutPath is not null && File.Exists(i.StdoutPath)));
        if (it is null) return null;
        var stdout = needsStdout ? ReadHead(it.StdoutPath!) : null;
        var counts = new Dictionary<int, long>();
        for (var i = 0; i < declared.Count; i++)
            if (declared[i].Count?.Read(stdout) is { } n) counts[i] = n;
        return counts;
    }

    /// <summary>The first MiB of a stdout file: counts are printed in a summary line, never after megabytes of output.</summary>
    private static string ReadHead(string path)
    {
        using var f = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(f.Length, 1 << 20)];
        var n = f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, n);
    }

    private EngineInvocation Invocation(string runId, CellState cell, int process, int iterations, string kind = "")
    {
        var a = cell.Artifact;
        var d = cell.Engine.Descriptor;
        var scratch = ResultsPaths.EnsureUnder(scratchRoot, Path.Combine(scratchRoot, PathName.Require("run id", runId),
            PathName.Require("workload", a.Workload.Name), PathName.Require("variant", a.Variant.Name), PathName.ForEngine(d.Id), kind + process.ToString(CultureInfo.InvariantCulture)));
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        // A foreign benchmark's *.input files, fresh for every process: a module may change or delete them.
        foreach (var input in a.InputFiles) File.Copy(input, Path.Combine(data, Path.GetFileName(input)), overwrite: true);
        return new EngineInvocation
        {
            ArtifactPath = d.IsNative ? a.NativePath! : a.WasmPath!,
            Args = a.Workload.ArgsFor(profile.Name),
            StdinPath = a.Workload.StdinFile is null ? null : Path.Combine(a.Workload.Directory, a.Workload.StdinFile),
            // Guests see their files at "/" (third-party modules resolve paths against it).
            Preopens = [new DirectoryMapping(a.GuestRoot ?? data, "/")],
            ScratchDirectory = scratch,
            Iterations = iterations,
            // The profile's timeout is per iteration: a process that compiles a 75 MB module
            // (YoWASP clang) three times needs three times as long as one that does it once.
            Timeout = cell.Profile.Timeout * Math.Max(1, iterations),
            ProgramName = a.Workload.Program ?? a.Workload.Name,
            Requests = a.Variant.Requests,
        };
    }

    /// <summary>One callgrind process per cell: instruction counts are deterministic, so one is the sample.</summary>
    private void CountInstructions(string runId, List<CellState> cells, bool timesMeasured, CancellationToken ct)
    {
        var counter = InstructionCounter ?? throw new InvalidOperationException("measuring instructions needs an InstructionCounter");
        foreach (var group in cells.GroupBy(c => c.Engine))
        {
            if (InstructionCounter.Unsupported(group.Key) is { } why)
            {
                log.WriteLine($"  instructions on {group.Key.Descriptor.Id}: not measured: {why}");
                // Without time samples the cell would be empty: say why it has no numbers.
                if (!timesMeasured)
                    foreach (var c in group)
                        c.Samples.Add(counter.Count(c.Engine, Invocation(runId, c, 0, 1, "callgrind-"), c.Artifact.Workload.Name, c.Artifact.Variant.Name, 0));
                continue;
            }
            foreach (var c in group)
            {
                if (ct.IsCancellationRequested) return;
                if (timesMeasured && c.Stop == StopReasons.Failed) continue;
                var inv = Invocation(runId, c, 0, 1, "callgrind-");
                var s = counter.Count(c.Engine, inv, c.Artifact.Workload.Name, c.Artifact.Variant.Name, 0);
                c.Samples.Add(s);
                if (!timesMeasured) c.Processes++;
                log.WriteLine(s.Instructions is { } n
                    ? string.Create(CultureInfo.InvariantCulture, $"  instructions {c.Name}: {n:N0}")
                    : $"  instructions {c.Name}: {s.Outcome.ToWire()}: {s.Message}");
                TryDelete(inv.ScratchDirectory);
            }
        }
    }

    private static List<Sample> Verify(List<Sample> samples, IReadOnlyList<BuildArtifact> artifacts, string? nativeId)
    {
        var result = new List<Sample>(samples.Count);
        foreach (var g in samples.GroupBy(s => (s.Workload, s.Variant)))
        {
            var w = artifacts.First(a => a.Workload.Name == g.Key.Workload).Workload;
            var expected = OutputVerifier.ExpectedHash(w, g.Where(s => s.Engine == nativeId).OrderBy(s => s.Measure));
            var reference = w.Expected.IsSameAsNative ? "native" : "the recorded sha256";
            result.AddRange(g.Select(s => OutputVerifier.Verify(s, expected, reference, w.Expected.Streams is not null)));
        }
        // An ok sample's stderr is part of its right answer, not an explanation: only failures keep it.
        return result.Select(s => s.Outcome == Outcome.Ok && s.StderrTail is not null ? s with { StderrTail = null } : s).ToList();
    }

    /// <summary>Removes a scratch tree; the guard refuses (throws) anything outside the scratch root, a missing tree is fine.</summary>
    private void TryDelete(string dir)
    {
        try { ResultsPaths.DeleteUnder(scratchRoot, dir); }
        catch (UnsafePathException) { throw; }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
