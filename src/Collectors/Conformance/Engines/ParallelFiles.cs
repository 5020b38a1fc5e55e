using System.Collections.Concurrent;
using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// Runs spec files on a few threads (each thread drives its own engine process),
/// largest files first so the tail of the run is short; results are reported one at a time.
/// </summary>
internal static class ParallelFiles
{
    public static void Run(IReadOnlyList<SpecFile> files, int parallelism, Func<SpecFile, FileResult> runFile, Action<FileResult> onFile)
    {
        var queue = new ConcurrentQueue<SpecFile>(files.OrderByDescending(f => f.Bytes));
        var gate = new object();
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(parallelism, files.Count))).Select(_ => new Thread(() =>
        {
            while (queue.TryDequeue(out var file))
            {
                var r = runFile(file);
                lock (gate) onFile(r);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }
}
