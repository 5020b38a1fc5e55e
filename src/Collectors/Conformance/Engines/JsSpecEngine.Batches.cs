using System.Text.Json;
using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Processes;
using Observatory.Core.Naming;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// The spec suite on a Node under qemu-user, many files per process: V8 takes about 2 s of CPU to start
/// under emulation, more than most spec files take to run, so one process per file made start-up the
/// bulk of the suite (about 290 files on each of four ISAs). A batch (<see cref="SpecBatches"/>) is one
/// <c>js-spec-driver.mjs --batch</c> process; each file's results follow its "@f K" line, with the heap
/// collected between files. The process is killed when it stays silent for one file's timeout. When it
/// dies, hangs or is killed in a file, the files before it keep their results, that file runs alone the
/// way every file runs elsewhere (<see cref="RunFile"/>: restarts that skip the culprit), and the files
/// after it go on in a fresh batch process: the results are those of one process per file.
/// </summary>
public sealed partial class JsSpecEngine
{
    private int _processes;

    /// <summary>Engine processes started for spec files so far (tests check the batching with it).</summary>
    public int ProcessesStarted => Volatile.Read(ref _processes);

    /// <summary>Only a Node under emulation batches: elsewhere a start costs tens of milliseconds and a process per file isolates best.</summary>
    private bool Batched => _runtime.Emulator is not null && _runtime.Family == "node";

    private IReadOnlyList<FileResult> RunBatch(IReadOnlyList<SpecFile> batch, SpecRunOptions options)
    {
        var results = new List<FileResult>();
        var rest = new List<(SpecFile File, ExternalScript Script, string Json)>();
        foreach (var file in batch)
        {
            if (ExternalScript.Prepare(file, options, Id, wabt: false, out var failure) is var (_, ext, json)) rest.Add((file, ext, Path.GetFullPath(json)));
            else results.Add(failure!);
        }
        var folder = Path.GetFullPath(Path.Combine(options.ScratchDirectory, PathName.ForEngine(Id)));
        while (rest.Count > 0)
        {
            var list = Path.Combine(folder, $"batch-{Guid.NewGuid():N}.json");
            File.WriteAllText(list, JsonSerializer.Serialize(rest.Select(f => f.Json).ToArray()));
            var r = ChildProcess.Run(_runtime.Launch(new ChildProcessSpec
            {
                FileName = _runtime.Binary, Arguments = Command("--batch", list), WorkingDirectory = folder,
                Timeout = FileTimeout(options) * rest.Count, IdleTimeout = FileTimeout(options),
                Sandbox = new SandboxMounts { ReadOnly = [_driverDirectory, .. Optional(_package)], Writable = [folder] },
            }));
            Interlocked.Increment(ref _processes);
            File.Delete(list);
            var reported = ByFile(r.Stdout, rest.Count);
            var k = 0;
            for (; k < rest.Count; k++)
            {
                var (file, ext, _) = rest[k];
                if (!ext.Commands.Where(c => c.Json is not null).All(c => reported[k].ContainsKey(c.Directive.Index))) break;
                results.Add(Judge(file, ext, reported[k], new()));
            }
            if (k == rest.Count) break;
            results.Add(RunFile(rest[k].File, options));
            rest = rest.Skip(k + 1).ToList();
        }
        return results;
    }

    /// <summary>The "@r" results of a batch's stdout, split at its "@f K" lines into one dictionary per file.</summary>
    private static List<Dictionary<int, JsonObject>> ByFile(string stdout, int files)
    {
        var byFile = Enumerable.Range(0, files).Select(_ => new Dictionary<int, JsonObject>()).ToList();
        var current = -1;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("@f ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(3), out var k) && k >= 0 && k < files) current = k;
            else if (current >= 0) ReadResult(line, byFile[current]);
        }
        return byFile;
    }
}
