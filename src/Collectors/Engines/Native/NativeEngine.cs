using System.Globalization;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Native;

/// <summary>
/// The physical baseline: the same sources compiled for the host by the same clang.
/// Each iteration is its own process (there is no warm state to keep); the marked
/// region comes from bench.h appending "region_ns N" to $OBSERVATORY_BENCH_FILE.
/// </summary>
public sealed class NativeEngine(string compilerVersion) : IEngine
{
    public EngineDescriptor Descriptor { get; } = new()
    {
        Id = "native",
        Family = "native",
        Version = compilerVersion,
        Tier = "aot",
        Source = "clang-22 for the host",
        IsNative = true,
        Status = EngineStatus.Ready,
    };

    public ProcessResult Run(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(inv.ScratchDirectory);
        var iterations = new List<IterationResult>();
        long totalNs = 0;
        long? rss = null;
        ChildProcessResult? last = null;
        if (inv.Requests is { } requests)
            return NativeBurst.Run(inv, requests, cancellationToken);
        for (var i = 0; i < inv.Iterations; i++)
        {
            var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{i}.txt");
            var benchFile = Path.Combine(inv.ScratchDirectory, $"bench-{i}.txt");
            File.Delete(benchFile);
            var env = new Dictionary<string, string>(inv.Environment) { ["OBSERVATORY_BENCH_FILE"] = benchFile };
            // GNU time reports the child's peak RSS from wait4(): exact even for processes too short to sample.
            var rssFile = Path.Combine(inv.ScratchDirectory, $"rss-{i}.txt");
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = File.Exists(GnuTime) ? GnuTime : inv.ArtifactPath,
                Arguments = File.Exists(GnuTime) ? ["-q", "-f", "%M", "-o", rssFile, inv.ArtifactPath, .. inv.Args] : inv.Args,
                StdinPath = inv.StdinPath,
                StdoutPath = stdoutPath,
                Environment = env,
                WorkingDirectory = inv.Preopens.FirstOrDefault()?.Host ?? inv.ScratchDirectory,
                Sandbox = EngineSandbox.For(inv) with { AsPid1 = true },
                Timeout = inv.Timeout,
            }, cancellationToken);
            last = r;
            totalNs += r.WallNs;
            var peak = ReadRss(rssFile) ?? r.PeakRssKb;
            rss = rss is null ? peak : Math.Max(rss.Value, peak ?? 0);
            if (r.TimedOut)
                return DriverEngine.Complete(inv, r, iterations, rss);
            var outcome = r.KilledBySignal || r.ExitCode == 127 ? Outcome.Crash : Outcome.Ok;
            var spans = ReadRegions(benchFile);
            var regionCpu = ReadRegions(benchFile, "region_cpu_ns")?.Sum();
            iterations.Add(new IterationResult
            {
                Iteration = i,
                Outcome = outcome,
                ExecuteNs = r.WallNs,
                RegionNs = spans?.Sum(),
                RegionsNs = spans,
                // The CPU time of the marked region, as the wasm engines report it; without one the harness
                // falls back to the whole process (start-up and the sandbox's set-up included).
                CpuNs = regionCpu,
                ExitCode = r.ExitCode,
                StdoutPath = stdoutPath,
                StdoutSha256 = File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
                Message = outcome == Outcome.Ok ? null : $"the program {r.Ending}: {r.StderrTail(400).Trim()}",
            });
        }
        return new ProcessResult { Iterations = iterations, TotalNs = totalNs, PeakRssKb = rss, StderrTail = last?.StderrTail() ?? "" };
    }

    internal const string GnuTime = "/usr/bin/time";

    internal static long? ReadRss(string path)
    {
        if (!File.Exists(path)) return null;
        var last = File.ReadLines(path).LastOrDefault(l => l.Trim().Length > 0)?.Trim();
        return long.TryParse(last, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : null;
    }

    /// <summary>The "region_ns N" (or other <paramref name="key"/>) lines bench.h appended, one per start/end pair, in call order; null when there are none.</summary>
    internal static List<long>? ReadRegions(string path, string key = "region_ns")
    {
        if (!File.Exists(path)) return null;
        var spans = new List<long>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == key && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ns))
                spans.Add(ns);
        }
        return spans.Count > 0 ? spans : null;
    }
}
