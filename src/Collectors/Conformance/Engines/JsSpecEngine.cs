using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wrapping;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Collectors.Engines.JavaScript;
using Observatory.Collectors.Engines.SpiderMonkey;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// A JavaScript runtime (Node's or Deno's V8, Bun's JavaScriptCore) running
/// drivers/js-spec-driver.mjs, or gjs's SpiderMonkey running drivers/gjs-spec-driver.mjs (both
/// entries of spec-core.mjs), over the commands <see cref="ExternalScript"/> writes, one
/// runtime process per file with a timeout (a Node under qemu-user: many files per process, see
/// JsSpecEngine.Batches.cs), in the runtime's default tier. Assertions on values
/// JavaScript cannot carry (v128, NaN payloads) run through wrapper modules; modules the engine
/// rejects for a feature it does not ship are unsupported, as are the assertions on them.
/// A crash or hang costs the command it happened on: the file is re-run with that command skipped.
/// </summary>
public sealed partial class JsSpecEngine : ISpecSuiteEngine
{
    private readonly JsRuntime _runtime;
    private readonly string _driver;
    private readonly IReadOnlyList<string> _engineFlags;
    private readonly string? _reason;

    /// <param name="engineFlags">Extra V8 flags (tests use them to make a real engine crash).</param>
    private readonly string _driverDirectory;
    private readonly string? _package;

    private static IEnumerable<string> Optional(string? p) => p is null ? [] : [p];

    public JsSpecEngine(EngineEnvironment env, JsRuntime runtime, IReadOnlyList<string>? engineFlags = null)
    {
        _runtime = runtime;
        _driver = Path.Combine(env.DriverDirectory, "js-spec-driver.mjs");
        _driverDirectory = env.DriverDirectory;
        _package = EngineSandbox.NpmPackageOf(runtime.Binary, env);
        _engineFlags = engineFlags ?? [];
        if (runtime.Emulator is not null)
        {
            // A foreign build under qemu-user: its version from the (cached) --version probe; V8's is not asked.
            if (EmulatedNodeProvider.Version(env, runtime, out var failed) is not { } v) { _reason = failed; return; }
            Version = v;
        }
        else
        {
            var probe = runtime.Probe([], new Dictionary<string, string>(), out var why);
            if (probe is null) { _reason = why; return; }
            Version = probe.Value.Version;
            EngineVersion = probe.Value.EngineVersion;
        }
        if (!File.Exists(_driver)) _reason = $"driver {_driver} not found (build the CLI)";
    }

    /// <summary>SpiderMonkey through gjs (already probed: its versions come from <see cref="GjsRuntime"/>).</summary>
    public JsSpecEngine(EngineEnvironment env, GjsRuntime gjs)
    {
        _runtime = new JsRuntime(GjsRuntime.Family, gjs.Binary, $"Debian gjs ({gjs.Binary})");
        _driver = Path.Combine(env.DriverDirectory, "gjs-spec-driver.mjs");
        _driverDirectory = env.DriverDirectory;
        _engineFlags = [];
        Version = gjs.Version;
        EngineVersion = gjs.MozjsVersion;
        if (!File.Exists(_driver)) _reason = $"driver {_driver} not found (build the CLI)";
    }

    /// <summary>gjs, or why it cannot run (not installed: the apt-get line).</summary>
    public static ISpecSuiteEngine DiscoverGjs(EngineEnvironment env) =>
        GjsRuntime.Find(out var why) is { } gjs ? new JsSpecEngine(env, gjs) : new UnavailableSpecEngine(GjsRuntime.Family, why);

    /// <summary>The system Node, then the pinned Node 22/24/26, Deno and Bun of node_modules (listed as unavailable when absent).</summary>
    public static IEnumerable<ISpecSuiteEngine> Discover(EngineEnvironment env)
    {
        var system = PathLookup.Find("node");
        if (system is null) yield return new UnavailableSpecEngine("node", "node not on PATH: apt-get install nodejs");
        else yield return new JsSpecEngine(env, new JsRuntime("node", system, $"system ({system})"));
        foreach (var (family, label, relative) in JsProvider.Pinned)
        {
            var binary = Path.Combine(env.NodeModules, relative);
            if (!File.Exists(binary)) yield return new UnavailableSpecEngine(label, $"{binary} not found: {JsProvider.InstallHint}");
            else yield return new JsSpecEngine(env, new JsRuntime(family, binary, $"npm ({binary})"));
        }
    }

    /// <summary>
    /// Foreign Node builds under qemu-user (aarch64, s390x, ppc64le, armv7l): the same driver, ids node-VERSION-ISA;
    /// one not installed is listed with why.
    /// </summary>
    public static IEnumerable<ISpecSuiteEngine> DiscoverEmulated(EngineEnvironment env)
    {
        foreach (var isa in ForeignIsa.All)
        {
            var runtime = EmulatedNodeProvider.Find(env, isa, out _, out var reason);
            if (runtime is null) yield return new UnavailableSpecEngine($"{isa.NodePackage}", reason) { Isa = isa.Isa };
            else yield return new JsSpecEngine(env, runtime);
        }
    }

    /// <summary>family-version, e.g. node-20.20.2, deno-2.9.6, bun-1.4.4 (the default tier; the benchmark ids add "/default"); node-20.11.0-s390x under emulation.</summary>
    public string Id => (Version.Length > 0 ? $"{_runtime.Family}-{Version}" : $"{_runtime.Family}-{Path.GetFileName(Path.GetDirectoryName(_runtime.Binary))}")
                        + (_runtime.Emulator is null ? "" : $"-{_runtime.Isa}");
    public string Isa => _runtime.Isa;
    public string Version { get; } = "";
    /// <summary>V8's version (Node, Deno), the WebKit revision of JavaScriptCore (Bun) or mozjs's (gjs).</summary>
    public string EngineVersion { get; } = "";
    public string? UnavailableReason => _reason;
    public string Family => _runtime.Family;

    /// <summary>
    /// The command line that runs the driver. Node 20 and 22 segfault in concurrent GC threads
    /// after heavy linear-memory use (see <see cref="JsRuntime.HarnessV8Flags"/>): single-threaded GC.
    /// Deno may only read (the commands and modules); Bun takes no V8 flags.
    /// </summary>
    private List<string> Command(params IReadOnlyList<string> driverArgs)
    {
        var v8 = new List<string> { "--single-threaded-gc" };
        // A batch collects the heap between files (js-spec-driver.mjs --batch).
        if (driverArgs.FirstOrDefault() == "--batch") v8.Add("--expose-gc");
        v8.AddRange(_engineFlags);
        return _runtime.Family switch
        {
            "deno" => ["run", "--allow-read", "--no-config", "--no-lock", "--quiet", $"--v8-flags={string.Join(',', v8)}", _driver, .. driverArgs],
            "bun" => [_driver, .. driverArgs],
            GjsRuntime.Family => ["-m", _driver, .. driverArgs],
            _ => [.. v8, "--no-warnings", _driver, .. driverArgs],
        };
    }

    private const int MaxRestartsPerFile = 8;

    /// <summary>The per-file timeout, scaled for emulation (V8 under qemu-user starts in seconds and runs 10-30x slower).</summary>
    private TimeSpan FileTimeout(SpecRunOptions options) => _runtime.Emulator is null ? options.FileTimeout : options.FileTimeout * QemuUser.TimeoutScale;

    // V8's and JavaScriptCore's words when a module uses a proposal it does not ship (or ships behind a flag).
    internal static bool LooksUnsupported(string message) =>
        Regex.IsMatch(message, @"enable with|experimental|invalid \w* ?opcode|unknown opcode|invalid \w* ?type|invalid section|prefixed opcode|memory64|limits flag|not allowed in constant expression|at most one (memory|table) is supported|exceeds"
            // V8 12+ on proposals newer than it (custom descriptors), and JavaScriptCore's words for the same.
            + @"|unknown type form|unknown import kind|can't get heap type|non-Func, non-Struct, and non-Array|can't get \w+ Type's|can't get \w+ Import's kind", RegexOptions.IgnoreCase);

    // SpiderMonkey 102's words (through gjs) for proposals it predates or ships disabled: memory64 and
    // custom page sizes (limits flags), multi-memory, typed references and GC types, threads (shared
    // memory is off outside cross-origin isolation), newer opcodes and constant expressions.
    // Matched only on gjs, so V8's and JavaScriptCore's verdicts do not move.
    internal static bool LooksUnsupportedOnSpiderMonkey(string message) =>
        LooksUnsupported(message) ||
        Regex.IsMatch(message, @"unrecognized opcode|unexpected bits set in flags|number of memories must be at most one|already have default memory"
            + @"|expected type form|expected global type|bad type|types not enabled|shared memory is disabled"
            + @"|must reference a global immutable import|unsupported import kind|failed to read initializer operation", RegexOptions.IgnoreCase);

    /// <summary>Values JavaScript cannot carry (v128, NaN payloads) are checked inside wrapper modules (<see cref="WrappedFiles"/>).</summary>
    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile) =>
        WrappedFiles.Run(ValueCarriage.JavaScript, files, options, onFile, (rewritten, onRewritten) =>
        {
            if (Batched) SpecBatches.Run(rewritten, options.Parallelism, batch => RunBatch(batch, options), onRewritten, options.Slots);
            else ParallelFiles.Run(rewritten, options.Parallelism, f => RunFile(f, options), onRewritten);
        });

    public FileResult RunFile(SpecFile file, SpecRunOptions options)
    {
        if (ExternalScript.Prepare(file, options, Id, wabt: false, out var failure) is not var (script, ext, json)) return failure!;
        var dir = ext.Directory;

        var reported = new Dictionary<int, JsonObject>();
        var lost = new Dictionary<int, AssertionResult>();
        var skip = new SortedSet<int>();
        var expectedIndices = ext.Commands.Where(c => c.Json is not null).Select(c => c.Directive.Index).ToList();
        for (var attempt = 0; ; attempt++)
        {
            var args = Command(json);
            if (skip.Count > 0) { args.Add("--skip"); args.Add(string.Join(',', skip)); }
            var r = ChildProcess.Run(_runtime.Launch(new ChildProcessSpec
            {
                FileName = _runtime.Binary, Arguments = args, WorkingDirectory = dir, Timeout = FileTimeout(options),
                Sandbox = new SandboxMounts { ReadOnly = [_driverDirectory, .. Optional(_package)], Writable = [dir] },
            }));
            Interlocked.Increment(ref _processes);
            foreach (var line in r.Stdout.Split('\n')) ReadResult(line, reported);
            var culprit = expectedIndices.FirstOrDefault(i => !reported.ContainsKey(i) && !skip.Contains(i), -1);
            if (culprit < 0) break;
            var d = script.Directives[culprit];
            var outcome = r.TimedOut ? AssertionOutcome.Timeout : AssertionOutcome.Crash;
            var message = r.TimedOut ? $"no result within {FileTimeout(options).TotalSeconds:0.#} s; {_runtime.Family} killed" + (_runtime.Emulator is null ? "" : " " + QemuUser.TimeoutNote)
                : $"{_runtime.Family} died ({(r.KilledBySignal ? $"signal {r.ExitCode - 128}" : $"exit code {r.ExitCode}")}): {r.StderrTail(400).Trim()}";
            lost[culprit] = SpecFiles.Missing(d, outcome, message);
            skip.Add(culprit);
            if (attempt >= MaxRestartsPerFile)
            {
                foreach (var i in expectedIndices.Where(i => !reported.ContainsKey(i) && !lost.ContainsKey(i)))
                    lost[i] = SpecFiles.Missing(script.Directives[i], AssertionOutcome.Error, $"not run: {_runtime.Family} failed {MaxRestartsPerFile + 1} times in this file");
                break;
            }
        }

        return Judge(file, ext, reported, lost);
    }

    /// <summary>One "@r {...}" line of the driver into <paramref name="reported"/> by command index (other lines are not results).</summary>
    private static void ReadResult(string line, Dictionary<int, JsonObject> reported)
    {
        if (!line.StartsWith("@r ", StringComparison.Ordinal)) return;
        try
        {
            var o = JsonNode.Parse(line[3..])!.AsObject();
            reported[(int)o["index"]!] = o;
        }
        catch (System.Text.Json.JsonException) { }
    }

    /// <summary>The file's results: what the engine reported for each command, judged, and what it never could report.</summary>
    private FileResult Judge(SpecFile file, ExternalScript ext, Dictionary<int, JsonObject> reported, Dictionary<int, AssertionResult> lost)
    {
        var judge = new ExternalJudge(_runtime.Family == GjsRuntime.Family ? LooksUnsupportedOnSpiderMonkey : LooksUnsupported);
        var results = new List<AssertionResult>();
        foreach (var c in ext.Commands)
        {
            var d = c.Directive;
            if (judge.Preset(c) is { } preset) { results.Add(preset); continue; }
            if (lost.TryGetValue(d.Index, out var l)) { results.Add(l); continue; }
            if (judge.Blocked(d) is { } blocked) { results.Add(blocked); continue; }
            if (!reported.TryGetValue(d.Index, out var o)) { results.Add(SpecFiles.Missing(d, AssertionOutcome.Error, "the driver reported nothing")); continue; }
            results.Add(judge.Judge(d, ToHappening(o)));
        }
        return new FileResult(file, results);
    }

    internal static Happening ToHappening(JsonObject o)
    {
        var kind = (string)o["kind"]!;
        var message = (string?)o["message"];
        if (kind != "values") return new Happening(kind, null, message);
        var values = new List<WasmValue>();
        foreach (var v in o["values"]!.AsArray())
        {
            var x = v!.AsObject();
            var type = (string)x["type"]!;
            if (x["nan"] is not null) return new Happening("not-applicable", null, "a NaN result does not keep its payload through JavaScript");
            ulong Bits() => ulong.Parse((string)x["value"]!, CultureInfo.InvariantCulture);
            values.Add(type switch
            {
                "i32" => WasmValue.I32((uint)Bits()),
                "i64" => WasmValue.I64(Bits()),
                "f32" => WasmValue.F32((uint)Bits()),
                "f64" => WasmValue.F64(Bits()),
                _ => RefValue(type, (string?)x["ref"], x["id"] is { } id ? (long)id : null),
            });
        }
        return new Happening("values", values, message);
    }

    private static WasmValue RefValue(string type, string? kind, long? id)
    {
        var t = type switch { "funcref" => WasmType.FuncRef, "externref" => WasmType.ExternRef, "exnref" => WasmType.ExnRef, _ => WasmType.AnyRef };
        var r = kind switch
        {
            "null" => RefKind.Null, "func" => RefKind.Func, "extern" => RefKind.Extern, "host" => RefKind.Host,
            "i31" => RefKind.I31, "eq" => RefKind.Eq, _ => RefKind.Any,
        };
        return new WasmValue(t, Ref: r, HostId: id);
    }
}
