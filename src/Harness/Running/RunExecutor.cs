using Observatory.Collectors.Engines;
using Observatory.Core.Environment;
using Observatory.Core.Runs;
using Observatory.Harness.Corpus;

namespace Observatory.Harness.Running;

/// <summary>
/// Runs built workloads on engines: for each round, every (workload, engine) cell gets
/// one process, engines taking turns (A B A B) so machine drift hits all of them alike;
/// then outputs are verified against the reference and cells are summarised.
/// Engine failures become outcomes; nothing here throws for a misbehaving module.
/// </summary>
public sealed class RunExecutor(RunProfile profile, string scratchRoot, TextWriter log)
{
    public RunInfo Execute(string runId, string label, IReadOnlyList<BuildArtifact> artifacts, IReadOnlyList<IEngine> engines, Fingerprint fingerprint, CancellationToken ct = default)
    {
        var started = DateTimeOffset.UtcNow;
        var samples = new List<Sample>();
        var native = engines.FirstOrDefault(e => e.Descriptor.IsNative);
        var runnable = artifacts.Where(a => a.Ok).ToList();
        var cells = runnable.SelectMany(a => engines.Where(e => Applies(e, a)).Select(e => (Artifact: a, Engine: e))).ToList();
        log.WriteLine($"run {runId}: {runnable.Count} workload variants x {engines.Count} engines = {cells.Count} cells, {profile.Processes} processes x {profile.Iterations} iterations each ({profile.Name})");

        for (var round = 0; round < profile.Processes && !ct.IsCancellationRequested; round++)
        {
            // Rotate the engine order each round so no engine always runs first after a workload switch.
            foreach (var group in cells.GroupBy(c => c.Artifact.Key))
            {
                var order = group.ToList();
                var shift = round % order.Count;
                foreach (var (artifact, engine) in order.Skip(shift).Concat(order.Take(shift)))
                {
                    if (ct.IsCancellationRequested) break;
                    samples.AddRange(RunProcess(runId, artifact, engine, round));
                }
            }
            log.WriteLine($"  round {round + 1}/{profile.Processes} done ({samples.Count} samples)");
        }

        var verified = Verify(samples, runnable, native?.Descriptor.Id);
        var summary = CellSummarizer.Summarize(verified, native?.Descriptor.Id);
        return new RunInfo
        {
            RunId = runId,
            Label = label,
            Profile = profile.Name,
            StartedUtc = started,
            FinishedUtc = DateTimeOffset.UtcNow,
            Fingerprint = fingerprint,
            Engines = engines.Select(e => e.Descriptor).ToList(),
            Workloads = artifacts.Where(a => a.Ok).Select(a => new WorkloadInfo
            {
                Name = a.Workload.Name, Variant = a.Variant.Name, Category = a.Workload.Category, Language = a.Workload.Language,
                WasmSha256 = a.WasmSha256!, NativeSha256 = a.NativeSha256, WasmBytes = new FileInfo(a.WasmPath!).Length,
                Args = a.Workload.ArgsFor(profile.Name),
            }).ToList(),
            Samples = verified,
            Cells = summary,
            ObservatoryVersion = typeof(RunExecutor).Assembly.GetName().Version?.ToString() ?? "",
        };
    }

    private static bool Applies(IEngine e, BuildArtifact a) =>
        e.Descriptor.IsNative ? a.NativePath is not null : (e.Descriptor.SupportsWasi || !a.Workload.UsesWasi);

    private IEnumerable<Sample> RunProcess(string runId, BuildArtifact a, IEngine engine, int round)
    {
        var d = engine.Descriptor;
        var scratch = Path.Combine(scratchRoot, runId, a.Workload.Name, a.Variant.Name, Safe(d.Id), round.ToString());
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        var inv = new EngineInvocation
        {
            ArtifactPath = d.IsNative ? a.NativePath! : a.WasmPath!,
            Args = a.Workload.ArgsFor(profile.Name),
            StdinPath = a.Workload.StdinFile is null ? null : Path.Combine(a.Workload.Directory, a.Workload.StdinFile),
            // Guests see their files at "/" (third-party modules resolve paths against it).
            Preopens = [new DirectoryMapping(a.GuestRoot ?? data, "/")],
            ScratchDirectory = scratch,
            // Native code has no warm state inside a process; one iteration per process keeps its samples comparable.
            Iterations = d.IsNative ? 1 : profile.Iterations,
            Timeout = profile.Timeout,
            ProgramName = a.Workload.Program ?? a.Workload.Name,
        };
        var result = engine.Run(inv);
        if (result.ProcessFailure is { } f)
            log.WriteLine($"  {a.Key} on {d.Id}: {f.ToWire()}: {result.FailureMessage}");
        foreach (var it in result.Iterations)
            yield return new Sample
            {
                Workload = a.Workload.Name,
                Variant = a.Variant.Name,
                Engine = d.Id,
                Process = round,
                Iteration = it.Iteration,
                Outcome = it.Outcome,
                CompileNs = it.CompileNs,
                InstantiateNs = it.InstantiateNs,
                ExecuteNs = it.ExecuteNs,
                RegionNs = it.RegionNs,
                TotalNs = it.Iteration == 0 ? result.TotalNs : null,
                PeakRssKb = result.PeakRssKb,
                ExitCode = it.ExitCode,
                StdoutSha256 = it.StdoutSha256,
                Message = it.Message,
            };
        TryDelete(scratch);
    }

    private static List<Sample> Verify(List<Sample> samples, IReadOnlyList<BuildArtifact> artifacts, string? nativeId)
    {
        var result = new List<Sample>(samples.Count);
        foreach (var g in samples.GroupBy(s => (s.Workload, s.Variant)))
        {
            var w = artifacts.First(a => a.Workload.Name == g.Key.Workload).Workload;
            var expected = OutputVerifier.ExpectedHash(w, g.Where(s => s.Engine == nativeId));
            var reference = w.Expected.IsSameAsNative ? "native" : "the recorded sha256";
            result.AddRange(g.Select(s => OutputVerifier.Verify(s, expected, reference)));
        }
        return result;
    }

    private static string Safe(string id) => string.Concat(id.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
