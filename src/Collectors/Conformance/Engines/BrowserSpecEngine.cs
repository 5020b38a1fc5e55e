using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wrapping;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Browser;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// A headless browser running the spec suite: <c>drivers/browser-spec.html</c> runs
/// spec-core.mjs over each file's commands (written by <see cref="ExternalScript"/>, as for the
/// JS runtimes) in a worker, and the results are judged exactly like <see cref="JsSpecEngine"/>'s.
/// A browser start costs seconds, so one session runs a batch of files. The page handles a hung
/// command itself (ends the worker, skips the command); a browser that dies or hangs costs the
/// file it was on one command (it is run again without it) and the rest of the batch a new session.
/// </summary>
public sealed partial class BrowserSpecEngine(EngineEnvironment env, HeadlessBrowser browser, string version) : ISpecSuiteEngine
{
    /// <summary>Files per browser session: a start costs seconds; a crash costs the rest of the batch a restart.</summary>
    private const int BatchSize = 40;
    private const int MaxRestartsPerFile = 8;

    public string Id => $"{browser.Family}-{version}";
    public string Version => version;
    public string? UnavailableReason => null;

    /// <summary>One engine per ready browser of <see cref="BrowserProvider"/>; the others listed with their reason.</summary>
    public static IEnumerable<ISpecSuiteEngine> Discover(EngineEnvironment env) =>
        new BrowserProvider().Discover(env).Select(e => e is BrowserEngine b
            ? (ISpecSuiteEngine)new BrowserSpecEngine(env, b.Browser, b.Descriptor.Version)
            : new UnavailableSpecEngine(e.Descriptor.Id.Replace("/" + BrowserEngine.Tier, "", StringComparison.Ordinal), e.Descriptor.Reason));

    private sealed class Pending(SpecFile file, WastScriptJson prepared)
    {
        public SpecFile File { get; } = file;
        public WastScriptJson Prepared { get; } = prepared;
        public Dictionary<int, JsonObject> Reported { get; } = [];
        public Dictionary<int, AssertionResult> Lost { get; } = [];
        public SortedSet<int> Skip { get; } = [];
        public int Restarts { get; set; }
    }

    private sealed record WastScriptJson(Wast.WastScript Script, ExternalScript External, string Json);

    /// <summary>Values JavaScript cannot carry (v128, NaN payloads) are checked inside wrapper modules (<see cref="WrappedFiles"/>), as on Node.</summary>
    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile) =>
        WrappedFiles.Run(ValueCarriage.JavaScript, files, options, onFile, (rewritten, onRewritten) => RunBatches(rewritten, options, onRewritten));

    private void RunBatches(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile)
    {
        var batches = new ConcurrentQueue<List<SpecFile>>(files.OrderByDescending(f => f.Bytes).Chunk(BatchSize).Select(c => c.ToList()));
        var gate = new object();
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(options.Parallelism, batches.Count))).Select(_ => new Thread(() =>
        {
            while (batches.TryDequeue(out var batch))
                RunBatch(batch, options, r => { lock (gate) onFile(r); });
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    private void RunBatch(IReadOnlyList<SpecFile> batch, SpecRunOptions options, Action<FileResult> onFile)
    {
        var pending = new List<Pending>();
        foreach (var f in batch)
        {
            if (ExternalScript.Prepare(f, options, Id, wabt: false, out var failure) is var (script, ext, json)) pending.Add(new Pending(f, new(script, ext, json)));
            else onFile(failure!);
        }
        var session = 0;
        while (pending.Count > 0)
        {
            var r = RunSession(pending, options, Path.Combine(options.ScratchDirectory, Core.Naming.PathName.ForEngine(Id), $"session-{Environment.CurrentManagedThreadId}-{session++}"));
            var done = Collect(pending, r.Stdout);
            foreach (var p in pending.Where(p => done.Contains(p))) onFile(Judge(p));
            pending = pending.Where(p => !done.Contains(p)).ToList();
            if (pending.Count == 0) break;
            // The page runs files in order: the browser died or hung on the first file still open.
            var open = pending[0];
            var expected = open.Prepared.External.Commands.Where(c => c.Json is not null).Select(c => c.Directive.Index);
            var culprit = expected.FirstOrDefault(i => !open.Reported.ContainsKey(i) && !open.Skip.Contains(i) && !open.Lost.ContainsKey(i), -1);
            var message = r.TimedOut ? $"no result within the session's {SessionTimeout(pending.Count, options).TotalSeconds:0} s; {browser.Family} killed"
                : $"{browser.Family} session ended ({(r.KilledBySignal ? $"signal {r.ExitCode - 128}" : $"exit code {r.ExitCode}")}): {r.StderrTail(400).Trim()}";
            if (culprit < 0 || ++open.Restarts > MaxRestartsPerFile)
            {
                foreach (var i in expected.Where(i => !open.Reported.ContainsKey(i) && !open.Lost.ContainsKey(i)))
                    open.Lost[i] = SpecFiles.Missing(open.Prepared.Script.Directives[i], AssertionOutcome.Error, $"not run: {message}");
                onFile(Judge(open));
                pending.RemoveAt(0);
                continue;
            }
            open.Lost[culprit] = SpecFiles.Missing(open.Prepared.Script.Directives[culprit], r.TimedOut ? AssertionOutcome.Timeout : AssertionOutcome.Crash, message);
            open.Skip.Add(culprit);
        }
    }

    /// <summary>Guard on a whole session; the page itself ends a hung command after the file timeout.</summary>
    private static TimeSpan SessionTimeout(int files, SpecRunOptions options) => options.FileTimeout * (files + 2);

    private ChildProcessResult RunSession(IReadOnlyList<Pending> files, SpecRunOptions options, string scratch)
    {
        // A file run again after a crash skips what is already known (the page runs what it is given).
        foreach (var p in files.Where(p => p.Skip.Count > 0))
            RewriteWithout(p);
        var job = new BrowserJob
        {
            Entry = "browser-spec.html",
            SpecFiles = files.Select(p => p.Prepared.Json).ToList(),
            Page = new SpecPage(files.Count, (long)options.FileTimeout.TotalMilliseconds, MaxRestartsPerFile),
        };
        var mounts = new SandboxMounts { ReadOnly = [env.ToolDirectory], Writable = files.Select(p => p.Prepared.External.Directory).Distinct().ToList() };
        return BrowserSession.Run(browser, env, scratch, job, mounts, SessionTimeout(files.Count, options));
    }

    // Drops skipped commands from the file's commands JSON, so the next session does not run them.
    private static void RewriteWithout(Pending p)
    {
        var root = JsonNode.Parse(File.ReadAllText(p.Prepared.Json))!.AsObject();
        var kept = new JsonArray(root["commands"]!.AsArray().Where(c => !p.Skip.Contains((int)c!["index"]!)).Select(c => c!.DeepClone()).ToArray());
        root["commands"] = kept;
        File.WriteAllText(p.Prepared.Json, root.ToJsonString());
    }

    /// <summary>Takes the session's '@r' lines into their files; returns the files the page completed ('@f N').</summary>
    private static HashSet<Pending> Collect(IReadOnlyList<Pending> files, string stdout)
    {
        var done = new HashSet<Pending>();
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("@f ", StringComparison.Ordinal) && int.TryParse(line[3..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n < files.Count)
                done.Add(files[n]);
            if (!line.StartsWith("@r ", StringComparison.Ordinal)) continue;
            try
            {
                var o = JsonNode.Parse(line[3..])!.AsObject();
                var file = (int)o["file"]!;
                if (file < files.Count) files[file].Reported.TryAdd((int)o["index"]!, o);
            }
            catch (System.Text.Json.JsonException) { }
        }
        return done;
    }

    private FileResult Judge(Pending p)
    {
        var judge = new ExternalJudge(LooksUnsupported);
        var results = new List<AssertionResult>();
        foreach (var c in p.Prepared.External.Commands)
        {
            var d = c.Directive;
            if (judge.Preset(c) is { } preset) { results.Add(preset); continue; }
            if (p.Lost.TryGetValue(d.Index, out var l)) { results.Add(l); continue; }
            if (judge.Blocked(d) is { } blocked) { results.Add(blocked); continue; }
            if (!p.Reported.TryGetValue(d.Index, out var o)) { results.Add(SpecFiles.Missing(d, AssertionOutcome.Error, "the page reported nothing")); continue; }
            // A command the page ended after it made no progress: as a JS runtime that hung.
            if ((string?)o["kind"] == "hang") { results.Add(SpecFiles.Missing(d, AssertionOutcome.Timeout, (string?)o["message"] ?? "hung")); continue; }
            results.Add(judge.Judge(d, JsSpecEngine.ToHappening(o)));
        }
        return new FileResult(p.File, results);
    }

    // A proposal the browser's engine does not ship: V8's words (Chromium), SpiderMonkey's (Firefox),
    // the same lists the Node and gjs spec engines match.
    private bool LooksUnsupported(string message) => browser.Family == "firefox"
        ? JsSpecEngine.LooksUnsupportedOnSpiderMonkey(message)
        : JsSpecEngine.LooksUnsupported(message);
}

/// <summary>The spec page's part of the job: how many files, the no-progress limit of one command, restarts per file.</summary>
public sealed record SpecPage(int Files, long StallMs, int MaxRestarts);
