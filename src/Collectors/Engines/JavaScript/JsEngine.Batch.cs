using System.Text.Json;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.JavaScript;

/// <summary>
/// Many invocations in one JS runtime process: <c>js-wasi-driver.mjs --batch LIST</c>, LIST a JSON array of
/// each invocation's driver options; "@job K" precedes the K-th one's @obs lines. See <see cref="IBatchEngine"/>
/// for what each invocation gets. Used where start-up dominates: the portability matrix on emulated Node.
/// </summary>
public sealed partial class JsEngine : IBatchEngine
{
    public IReadOnlyList<ProcessResult> RunBatch(IReadOnlyList<EngineInvocation> invocations, CancellationToken cancellationToken = default)
    {
        var results = new List<ProcessResult>();
        var rest = invocations.ToList();
        while (rest.Count > 0)
        {
            var scaled = rest.Select(i => i with { Timeout = i.Timeout * TimeoutScale }).ToList();
            foreach (var i in scaled) Directory.CreateDirectory(i.ScratchDirectory);
            var list = Path.Combine(scaled[0].ScratchDirectory, $"batch-{Guid.NewGuid():N}.json");
            File.WriteAllText(list, JsonSerializer.Serialize(scaled.Select(i => WorkerArguments.Encode(i)).ToArray()));
            var r = ChildProcess.Run(BatchSpec(list, scaled) with
            {
                Timeout = TimeSpan.FromTicks(scaled.Sum(i => i.Timeout.Ticks)),
                IdleTimeout = scaled.Max(i => i.Timeout),
            }, cancellationToken);
            File.Delete(list);
            var jobs = Jobs(r.Stdout, scaled.Count);
            var k = 0;
            for (; k < scaled.Count; k++)
            {
                if (jobs[k] is not { } text) break;
                var parsed = DriverProtocol.Parse(text);
                if (parsed.Iterations.Count < scaled[k].Iterations) break;
                var own = new ChildProcessResult
                {
                    ExitCode = 0, TimedOut = false, PeakRssKb = parsed.PeakRssKb,
                    WallNs = parsed.Iterations.Sum(x => (x.CompileNs ?? 0) + (x.InstantiateNs ?? 0) + (x.ExecuteNs ?? 0)),
                };
                results.Add(Complete(scaled[k], own, parsed.Iterations, parsed.PeakRssKb, parsed.Errors, TimeoutNote));
            }
            if (k == scaled.Count) break;
            if (r.TimedOut && jobs[k] is { } started)
            {
                // It had its whole timeout to itself since its "@job" line: a timeout, as alone.
                var parsed = DriverProtocol.Parse(started);
                results.Add(Complete(scaled[k], r, parsed.Iterations, parsed.PeakRssKb, parsed.Errors, TimeoutNote));
            }
            else results.Add(Run(rest[k], cancellationToken));
            rest = rest.Skip(k + 1).ToList();
        }
        return results;
    }

    /// <summary>Each job's stdout, split at the "@job K" lines; null for a job that never started.</summary>
    private static string?[] Jobs(string stdout, int count)
    {
        var jobs = new System.Text.StringBuilder?[count];
        var current = -1;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("@job ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5), out var k) && k >= 0 && k < count)
                jobs[current = k] = new System.Text.StringBuilder();
            else if (current >= 0) jobs[current]!.Append(line).Append('\n');
        }
        return jobs.Select(j => j?.ToString()).ToArray();
    }
}
