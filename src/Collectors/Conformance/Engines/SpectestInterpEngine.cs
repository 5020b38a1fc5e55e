using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// wabt's reference-style interpreter, /usr/bin/spectest-interp (Debian package wabt), fed
/// the wast2json-format JSON and .wasm files that <see cref="ExternalScript"/> writes.
/// It prints only failures ("FILE:LINE: message") and passed traps, so every command it
/// did not complain about passed; a crash or timeout leaves the commands after the last
/// line it printed as crash / timeout. Where it gave up at a command needing a module it could
/// not read, the file is run again without that command (which is unsupported with the module).
/// </summary>
public sealed partial class SpectestInterpEngine : ISpecSuiteEngine
{
    private readonly string? _path;

    public SpectestInterpEngine()
    {
        _path = PathLookup.Find("spectest-interp");
        if (_path is null) return;
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = _path, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(10) });
        Version = r.ExitCode == 0 ? r.Stdout.Trim() : "unknown";
    }

    public string Id => $"wabt-spectest-interp-{Version}";
    public string Version { get; } = "";
    public string? UnavailableReason => _path is null ? "spectest-interp not on PATH: apt-get install wabt" : null;

    [GeneratedRegex(@"^(?<file>[^:\s]+\.wast):(?<line>\d+): (?<msg>.*)$")]
    private static partial Regex Report();

    // spectest-interp also reports some passes ("assert_trap passed: integer divide by zero").
    [GeneratedRegex(@"^assert_\w+ passed:?\s*(?<msg>.*)$")]
    private static partial Regex PassedReport();

    // wabt says these when a feature (GC types, exnref, new opcodes) is beyond what it implements.
    internal static bool LooksUnsupported(string message) =>
        Regex.IsMatch(message, @"unexpected opcode|unknown opcode|invalid \w* ?type|must be a reference type|malformed memory limits flag|not enabled|unexpected type|expected valid|error reading module", RegexOptions.IgnoreCase);

    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile) =>
        ParallelFiles.Run(files, options.Parallelism, f => RunFile(f, options), onFile);

    /// <summary>What one spectest-interp process said about a file.</summary>
    private sealed record Pass(ChildProcessResult Process, Dictionary<int, string> Failures, Dictionary<int, string> PassedTraps, int LastLine, bool Finished);

    // A run stopped by a command that needs a module wabt could not read is run again without it; each time it gets further.
    private const int MaxReruns = 64;

    private FileResult RunFile(SpecFile file, SpecRunOptions options)
    {
        if (ExternalScript.Prepare(file, options, "wabt", wabt: true, out var failure) is not var (_, ext, json)) return failure!;
        // Commands left out of the next run: spectest-interp gives up on the whole file (exit 1) at a
        // register or action naming a module it could not read, so one unreadable module would cost
        // every later command; what needs that module is unsupported with it, and the rest runs.
        var dropped = new HashSet<int>();
        var pass = RunOnce(ext, json, options);
        for (var rerun = 0; !pass.Finished && !pass.Process.TimedOut && rerun < MaxReruns; rerun++)
        {
            if (StoppedBy(ext, pass, dropped) is not { } culprit) break;
            dropped.Add(culprit);
            json = ext.WriteJson("commands.json", Path.GetFileName(file.RelativePath), wabt: true, without: dropped);
            pass = RunOnce(ext, json, options);
        }
        return new FileResult(file, Judge(ext, pass, dropped, options));
    }

    private Pass RunOnce(ExternalScript ext, string json, SpecRunOptions options)
    {
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = _path!, Arguments = ["--enable-all", Path.GetFileName(json)], WorkingDirectory = ext.Directory, Timeout = options.FileTimeout,
            Sandbox = new SandboxMounts { ReadOnly = [_path!], Writable = [ext.Directory] },
        });
        var failures = new Dictionary<int, string>();
        var passedTraps = new Dictionary<int, string>();
        var lastLine = 0;
        foreach (var raw in r.Stdout.Split('\n'))
        {
            var m = Report().Match(raw.TrimEnd());
            if (!m.Success) continue;
            var line = int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var msg = m.Groups["msg"].Value;
            lastLine = Math.Max(lastLine, line);
            var passed = PassedReport().Match(msg);
            if (passed.Success)
                passedTraps[line] = passed.Groups["msg"].Value;
            else if (!failures.ContainsKey(line)) failures[line] = msg;
        }
        var finished = !r.TimedOut && Regex.IsMatch(r.Stdout, @"\d+/\d+ tests passed\.");
        return new Pass(r, failures, passedTraps, lastLine, finished);
    }

    /// <summary>
    /// The command spectest-interp stopped at, when it needs a module the engine could not use (by
    /// the judge's account of the commands before it): the first such command on or after the last
    /// line it reported (it may print that command's complaint, then quit). Null when the stop is
    /// not explained so (a crash of its own): a command after that line that needs nothing missing.
    /// </summary>
    private static int? StoppedBy(ExternalScript ext, Pass pass, HashSet<int> dropped)
    {
        var judge = new ExternalJudge(LooksUnsupported);
        foreach (var c in ext.Commands)
        {
            var d = c.Directive;
            if (judge.Preset(c) is not null || !c.WabtCompatible) continue;
            var blocked = judge.Blocked(d) ?? judge.BlockedModule(c, ext.Directory);
            if (dropped.Contains(d.Index)) continue;
            if (d.Line >= pass.LastLine && blocked is not null) return d.Index;
            if (d.Line > pass.LastLine) return null;
            if (blocked is null) judge.Judge(d, Happened(d, pass.Failures.GetValueOrDefault(d.Line), pass.PassedTraps.GetValueOrDefault(d.Line)));
        }
        return null;
    }

    private static List<AssertionResult> Judge(ExternalScript ext, Pass pass, HashSet<int> dropped, SpecRunOptions options)
    {
        var r = pass.Process;
        var judge = new ExternalJudge(LooksUnsupported);
        var results = new List<AssertionResult>();
        foreach (var c in ext.Commands)
        {
            var d = c.Directive;
            if (judge.Preset(c) is { } preset) { results.Add(preset); continue; }
            if (!c.WabtCompatible)
            {
                results.Add(SpecFiles.Missing(d, AssertionOutcome.Unsupported, "not expressible in wabt's wast2json format (GC reference results, either)"));
                continue;
            }
            if ((judge.Blocked(d) ?? judge.BlockedModule(c, ext.Directory)) is { } blocked) { results.Add(blocked); continue; }
            if (dropped.Contains(d.Index))
            {
                results.Add(SpecFiles.Missing(d, AssertionOutcome.Error, "left out of the rerun, yet its module was usable"));
                continue;
            }
            if (!pass.Finished && d.Line > pass.LastLine)
            {
                // spectest-interp gives up on a whole file (exit 1) when it cannot read a module's types.
                var gaveUp = !r.TimedOut && !r.KilledBySignal && LooksUnsupported(r.Stderr);
                results.Add(SpecFiles.Missing(d, r.TimedOut ? AssertionOutcome.Timeout : gaveUp ? AssertionOutcome.Unsupported : AssertionOutcome.Crash,
                    r.TimedOut ? $"spectest-interp gave no answer within {options.FileTimeout.TotalSeconds:0} s" : $"spectest-interp exited with code {r.ExitCode}: {r.StderrTail(300).Trim()}"));
                continue;
            }
            results.Add(judge.Judge(d, Happened(d, pass.Failures.GetValueOrDefault(d.Line), pass.PassedTraps.GetValueOrDefault(d.Line))));
        }
        return results;
    }

    /// <summary>What spectest-interp's silence or complaint about a line means for that command.</summary>
    private static Happening Happened(Wast.Directive d, string? failure, string? passedTrap)
    {
        var c = ExpectedKind(d);
        if (failure is null) return c == "values" ? new Happening("as-expected") : new Happening(c, null, passedTrap);
        if (failure.Contains("error reading module", StringComparison.Ordinal) || failure.Contains("error validating", StringComparison.Ordinal))
            return new Happening("rejected", null, failure);
        if (failure.Contains("error instantiating", StringComparison.Ordinal) || failure.Contains("unknown import", StringComparison.Ordinal))
            return new Happening("unlinkable", null, failure);
        return new Happening("failed", null, failure);
    }

    private static string ExpectedKind(Wast.Directive d) => d switch
    {
        Wast.AssertReturnDirective => "values",
        Wast.AssertTrapDirective { Module: not null } => "trap",
        Wast.AssertTrapDirective t => t.Kind == "assert_exhaustion" ? "exhaustion" : "trap",
        Wast.AssertExceptionDirective => "exception",
        Wast.AssertModuleDirective m => m.Kind switch { "assert_unlinkable" => "unlinkable", "assert_uninstantiable" => "trap", _ => "rejected" },
        _ => "ok",
    };
}
