using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// Spec files in batches for an engine that runs many files per process (a Node under emulation):
/// <see cref="BatchesPerWorker"/> batches for each parallel worker (fewer when that would leave a batch under
/// <see cref="MinFilesPerBatch"/> files), of about equal bytes (largest file into the lightest batch), run
/// largest batch first on <c>parallelism</c> threads. Few batches keep process starts few; several per worker
/// keep the tail short, when one worker has finished and the other has not.
/// </summary>
public static class SpecBatches
{
    public const int BatchesPerWorker = 8;
    public const int MinFilesPerBatch = 4;

    public static IReadOnlyList<IReadOnlyList<SpecFile>> Plan(IReadOnlyList<SpecFile> files, int parallelism)
    {
        var count = Math.Clamp(Math.Max(1, parallelism) * BatchesPerWorker, 1, Math.Max(1, files.Count / MinFilesPerBatch));
        var batches = Enumerable.Range(0, count).Select(_ => new List<SpecFile>()).ToList();
        var bytes = new long[count];
        foreach (var f in files.OrderByDescending(f => f.Bytes).ThenBy(f => f.RelativePath, StringComparer.Ordinal))
        {
            var lightest = Array.IndexOf(bytes, bytes.Min());
            batches[lightest].Add(f);
            bytes[lightest] += f.Bytes;
        }
        return batches.Where(b => b.Count > 0).OrderByDescending(b => b.Sum(f => f.Bytes)).ToList();
    }

    /// <summary>Runs the batches; with <paramref name="slots"/>, each only while it holds one of the slots shared with other engines.</summary>
    public static void Run(IReadOnlyList<SpecFile> files, int parallelism, Func<IReadOnlyList<SpecFile>, IReadOnlyList<FileResult>> runBatch, Action<FileResult> onFile, ProcessSlots? slots = null)
    {
        var batches = Plan(files, parallelism);
        var queue = new System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<SpecFile>>(batches);
        var gate = new object();
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(parallelism, batches.Count))).Select(_ => new Thread(() =>
        {
            while (queue.TryDequeue(out var batch))
            {
                IReadOnlyList<FileResult> results;
                using (ProcessSlots.Hold(slots)) results = runBatch(batch);
                lock (gate) foreach (var r in results) onFile(r);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }
}
