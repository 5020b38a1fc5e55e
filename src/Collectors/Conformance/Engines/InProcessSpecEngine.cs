using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// Runs an in-process engine (<see cref="ISpecHost"/>) over many files: one worker
/// process per core (the hidden `observatory conformance-worker` command), each reading a
/// file at a time and streaming results. A worker that crashes or exceeds the per-file
/// timeout is killed; the directive it was on is recorded as crash or timeout, and the
/// file is re-run by a fresh worker with that directive skipped, so one bad assertion
/// costs one assertion, not the file or the run.
/// </summary>
public sealed class InProcessSpecEngine(string hostName, string id, string version, string workerAssembly, IReadOnlyDictionary<string, string>? workerEnvironment = null) : ISpecSuiteEngine
{
    public string Id { get; } = id;
    public string Version { get; } = version;
    public string? UnavailableReason => File.Exists(workerAssembly) ? null : $"worker {workerAssembly} not found (build the CLI)";

    private const int MaxRestartsPerFile = 8;

    /// <summary>The deepest directory containing every given directory (what a sandboxed worker must see).</summary>
    internal static string CommonDirectory(IEnumerable<string> dirs)
    {
        string? common = null;
        foreach (var d in dirs)
        {
            if (common is null) { common = d; continue; }
            while (d != common && !d.StartsWith(common.TrimEnd('/') + "/", StringComparison.Ordinal))
                common = Path.GetDirectoryName(common) ?? "/";
        }
        return common ?? "/";
    }

    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile)
    {
        var queue = new ConcurrentQueue<SpecFile>(files.OrderByDescending(f => f.Bytes));
        var root = CommonDirectory(files.Select(f => Path.GetDirectoryName(Path.GetFullPath(f.Path))!));
        var gate = new object();
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(options.Parallelism, files.Count))).Select(_ => new Thread(() =>
        {
            Worker? worker = null;
            try
            {
                while (queue.TryDequeue(out var file))
                {
                    var result = RunFile(ref worker, file, options, root);
                    lock (gate) onFile(result);
                }
            }
            finally
            {
                worker?.Dispose();
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    private FileResult RunFile(ref Worker? worker, SpecFile file, SpecRunOptions options, string root)
    {
        var (script, failure) = SpecFiles.Parse(file);
        if (script is null) return failure!;
        var byIndex = script.Directives.ToDictionary(d => d.Index);
        var results = new Dictionary<int, AssertionResult>();
        var skip = new SortedSet<int>();
        string? fileError = null;
        for (var attempt = 0; ; attempt++)
        {
            worker ??= new Worker(hostName, workerAssembly, workerEnvironment, root);
            var status = worker.RunFile(file, skip, options.FileTimeout, o =>
            {
                if (o["error"] is { } err) { fileError = (string?)err; return; }
                var r = SpecWorkerProtocol.ParseResult(o, byIndex);
                if (r is not null) results[r.Index] = r;
            });
            if (status == Worker.Status.Done) break;
            var timedOut = status == Worker.Status.TimedOut;
            var tail = worker.StderrTail();
            var exit = worker.ExitDescription();
            worker.Dispose();
            worker = null;
            var culprit = script.Directives.FirstOrDefault(d => !results.ContainsKey(d.Index) && !skip.Contains(d.Index));
            if (culprit is null) break;
            var message = timedOut
                ? $"no result within {options.FileTimeout.TotalSeconds:0.#} s; worker killed"
                : $"engine process died ({exit})" + (tail.Length > 0 ? ": " + tail : "");
            results[culprit.Index] = SpecFiles.Missing(culprit, timedOut ? AssertionOutcome.Timeout : AssertionOutcome.Crash, message);
            skip.Add(culprit.Index);
            if (attempt >= MaxRestartsPerFile)
            {
                foreach (var d in script.Directives.Where(d => !results.ContainsKey(d.Index)))
                    results[d.Index] = SpecFiles.Missing(d, AssertionOutcome.Error, $"not run: the engine failed {MaxRestartsPerFile + 1} times in this file");
                break;
            }
        }
        foreach (var d in script.Directives.Where(d => !results.ContainsKey(d.Index)))
            results[d.Index] = SpecFiles.Missing(d, AssertionOutcome.Error, fileError ?? "the worker reported no result");
        return new FileResult(file, script.Directives.Select(d => results[d.Index]).ToList(), fileError);
    }

    /// <summary>One worker process and its line streams.</summary>
    private sealed class Worker : IDisposable
    {
        public enum Status { Done, Died, TimedOut }

        private readonly LineChild _p;

        /// <param name="root">The directory holding every file of the run: the sandbox shows the worker that tree read-only, nothing writable.</param>
        public Worker(string hostName, string assembly, IReadOnlyDictionary<string, string>? env, string root)
        {
            var spec = Sandbox.Wrap(new ChildProcessSpec
            {
                FileName = DotnetHost.Path, Arguments = [assembly, "conformance-worker", "--engine", hostName],
                Sandbox = new SandboxMounts { ReadOnly = [Path.GetDirectoryName(assembly)!, root, .. env?.Values.Where(v => v.StartsWith('/')) ?? []] },
            });
            _p = new LineChild(spec, [.. env ?? new Dictionary<string, string>(), .. Sandbox.DotnetWorkerEnvironment]);
        }

        public Status RunFile(SpecFile file, IEnumerable<int> skip, TimeSpan timeout, Action<JsonObject> onMessage)
        {
            if (!_p.Send(SpecWorkerProtocol.Request(file, skip))) return Status.Died;
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (!_p.TryReceive(timeout - deadline.Elapsed, out var line)) return Status.TimedOut;
                if (line is null) return Status.Died;
                // A runtime library that printf()s a partial line (WAMR logs so) glues it in front of a result line.
                var at = line.IndexOf(SpecWorkerProtocol.Prefix + "{", StringComparison.Ordinal);
                if (at < 0) continue;
                var o = JsonNode.Parse(line[(at + SpecWorkerProtocol.Prefix.Length)..])!.AsObject();
                if (o["done"] is not null) return Status.Done;
                if (o["fatal"] is { } fatal) throw new InvalidOperationException((string?)fatal);
                onMessage(o);
            }
        }

        public string StderrTail() => _p.StderrTail();

        public string ExitDescription() => _p.ExitDescription();

        public void Dispose() => _p.Dispose();
    }
}
