using System.Diagnostics;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Native;

/// <summary>
/// A burst variant natively: each request is a fresh process (the CGI baseline), so the ratio of a
/// wasm engine's burst to native's reads as "fresh instance vs process spawn". The loop of N
/// spawns is the region; stdout is the last request's; the first failing request ends the iteration.
/// </summary>
internal static class NativeBurst
{
    public static ProcessResult Run(EngineInvocation inv, int requests, CancellationToken ct)
    {
        var iterations = new List<IterationResult>();
        long total = 0;
        long? rss = null;
        ChildProcessResult? last = null;
        for (var i = 0; i < inv.Iterations; i++)
        {
            var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{i}.txt");
            var deadline = Stopwatch.GetTimestamp() + (long)(inv.Timeout.TotalSeconds * Stopwatch.Frequency);
            var outcome = Outcome.Ok;
            string? message = null;
            var t0 = Stopwatch.GetTimestamp();
            for (var request = 0; request < requests; request++)
            {
                var left = TimeSpan.FromSeconds(Math.Max(0.001, (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency));
                var r = ChildProcess.Run(new ChildProcessSpec
                {
                    FileName = inv.ArtifactPath,
                    Arguments = inv.Args,
                    StdinPath = inv.StdinPath,
                    StdoutPath = stdoutPath,
                    Environment = inv.Environment,
                    WorkingDirectory = inv.Preopens.FirstOrDefault()?.Host ?? inv.ScratchDirectory,
                Sandbox = EngineSandbox.For(inv) with { AsPid1 = true },
                    Timeout = left,
                }, ct);
                last = r;
                rss = Math.Max(rss ?? 0, r.PeakRssKb ?? 0);
                if (r.TimedOut)
                {
                    total += Elapsed(t0);
                    return DriverEngine.Complete(inv, r, iterations, rss);
                }
                if (r.KilledBySignal || r.ExitCode == 127) { outcome = Outcome.Crash; message = $"request {request + 1} of {requests} {r.Ending}: {r.StderrTail(400).Trim()}"; break; }
                if (r.ExitCode != 0) { message = $"request {request + 1} of {requests} {r.Ending}"; break; }
            }
            var loopNs = Elapsed(t0);
            total += loopNs;
            iterations.Add(new IterationResult
            {
                Iteration = i,
                Outcome = outcome,
                ExecuteNs = loopNs,
                RegionNs = outcome == Outcome.Ok ? loopNs : null,
                RegionsNs = outcome == Outcome.Ok ? [loopNs] : null,
                ExitCode = last?.ExitCode,
                StdoutPath = stdoutPath,
                StdoutSha256 = File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
                Message = message,
            });
        }
        return new ProcessResult { Iterations = iterations, TotalNs = total, PeakRssKb = rss > 0 ? rss : null, StderrTail = last?.StderrTail() ?? "" };
    }

    private static long Elapsed(long t0) => (long)((Stopwatch.GetTimestamp() - t0) * (1_000_000_000.0 / Stopwatch.Frequency));
}
