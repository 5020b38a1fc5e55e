using System.Globalization;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Harness.Running;

/// <summary>
/// `--measure instructions`: counts the instructions of the execute phase under
/// valgrind's callgrind, a number that does not move with machine load, for
/// regression gates where wall time is too noisy. Collection is switched on only
/// inside the function that runs the program (<c>--collect-atstart=no
/// --toggle-collect=SYMBOL</c>), so process start-up, the .NET runtime and compilation
/// are left out:
/// <list type="bullet">
/// <item>native: <c>main</c>;</item>
/// <item>every engine whose process the harness can wrap (<see cref="ICountableEngine"/>), run as it
/// would be, behind valgrind: the symbol its <see cref="InstructionCounting"/> names. Wasmtime
/// <c>wasmtime_func_call</c>, the wasm.h engine <c>wasm_func_call</c> (both in the worker), wasm2c
/// <c>obs_module_run</c> (its host), V8 in the npm Node builds <c>Builtins_JSToWasmWrapperAsm</c>
/// (with <c>--smc-check=all</c>, since V8 writes the code it runs).</item>
/// </list>
/// Other engines get an <see cref="Outcome.Unsupported"/> sample saying why.
/// </summary>
public sealed class InstructionCounter(string valgrindPath)
{
    public const string NativeSymbol = "main";
    public const string WasmtimeSymbol = WasmtimePhaseEngine.CallSymbol;

    /// <summary>valgrind on PATH, or null.</summary>
    public static string? FindValgrind() => PathLookup.Find("valgrind");

    /// <summary>"valgrind-3.19.0", or null when valgrind is not installed.</summary>
    public static string? Version(string? valgrind = null)
    {
        valgrind ??= FindValgrind();
        if (valgrind is null) return null;
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = valgrind, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(20) });
        return r.ExitCode == 0 ? r.Stdout.Trim() : null;
    }

    /// <summary>Why this engine cannot be counted, or null when it can.</summary>
    public static string? Unsupported(IEngine engine) => engine switch
    {
        _ when engine.Descriptor.IsNative => null,
        ICountableEngine { Counting: not null } => null,
        ICountableEngine c => c.CountingUnsupported,
        _ => $"instruction counting under callgrind needs an engine process the harness can wrap; {engine.Descriptor.Family} engines have none",
    };

    /// <summary>The function callgrind counts inside: native main, else the engine's entry-call symbol.</summary>
    private static string ToggleSymbol(IEngine engine) =>
        engine.Descriptor.IsNative ? NativeSymbol : ((ICountableEngine)engine).Counting!.Symbol;

    /// <summary>Runs one process of the invocation under callgrind and returns its instruction sample (never throws for a failing program).</summary>
    public Sample Count(IEngine engine, EngineInvocation inv, string workload, string variant, int process)
    {
        var d = engine.Descriptor;
        var template = new Sample
        {
            Workload = workload, Variant = variant, Engine = d.Id, Process = process, Iteration = 0,
            Outcome = Outcome.Unsupported, Measure = Measure.Instructions,
        };
        if (Unsupported(engine) is { } why) return template with { Message = why };
        if (inv.Requests is { } n)
            return template with { Message = $"instruction counts cover one run of the module; a burst variant (requests = {n}) is not counted" };

        Directory.CreateDirectory(inv.ScratchDirectory);
        var outFile = Path.Combine(inv.ScratchDirectory, "callgrind.out");
        var stdoutFile = Path.Combine(inv.ScratchDirectory, "stdout-0.txt");
        var symbol = ToggleSymbol(engine);
        var valgrindArgs = new List<string>
        {
            "--tool=callgrind", $"--callgrind-out-file={outFile}", "--collect-atstart=no",
            $"--toggle-collect={symbol}",
        };
        // A JIT writes the code it runs: valgrind must re-translate code that is written over.
        if (engine is ICountableEngine { Counting.WritesCode: true }) valgrindArgs.Add("--smc-check=all");
        // Under callgrind a program runs 20-100x slower: scale the timeout with it.
        var timeout = TimeSpan.FromTicks(Math.Max(inv.Timeout.Ticks * 60, TimeSpan.FromMinutes(5).Ticks));
        ChildProcessSpec spec;
        if (d.IsNative)
        {
            spec = new ChildProcessSpec
            {
                FileName = valgrindPath,
                Arguments = [.. valgrindArgs, inv.ArtifactPath, .. inv.Args],
                StdinPath = inv.StdinPath,
                StdoutPath = stdoutFile,
                WorkingDirectory = inv.Preopens.FirstOrDefault()?.Host ?? inv.ScratchDirectory,
                Environment = inv.Environment,
                Timeout = timeout,
                Sandbox = EngineSandbox.For(inv),
            };
        }
        else
        {
            // The engine's own process, unchanged, behind valgrind.
            var counted = ((ICountableEngine)engine).ProcessFor(inv with { Iterations = 1 });
            if (counted.Spec is not { } engineProcess)
                return template with { Outcome = counted.Failure ?? Outcome.Crash, Message = counted.Message };
            spec = engineProcess with { FileName = valgrindPath, Arguments = [.. valgrindArgs, engineProcess.FileName, .. engineProcess.Arguments], Timeout = timeout };
        }

        var r = ChildProcess.Run(spec);
        var instructions = ReadTotal(outFile);
        if (r.TimedOut)
            return template with { Outcome = Outcome.Timeout, Message = $"timed out under callgrind after {timeout.TotalSeconds:0} s" };

        int? exitCode;
        string? sha;
        Outcome outcome;
        string? message = null;
        if (d.IsNative)
        {
            exitCode = r.ExitCode;
            sha = File.Exists(stdoutFile) ? Sha256File.Of(stdoutFile) : null;
            outcome = r.KilledBySignal ? Outcome.Crash : Outcome.Ok;
            if (outcome != Outcome.Ok) message = $"exit code {r.ExitCode} under callgrind: {r.StderrTail(300).Trim()}";
        }
        else
        {
            var it = DriverProtocol.Parse(((ICountableEngine)engine).ReportedBy(inv with { Iterations = 1 }, r)).Iterations.FirstOrDefault();
            if (it is null)
                return template with { Outcome = Outcome.Crash, Message = $"worker under callgrind exited {r.ExitCode} without a result: {r.StderrTail(400).Trim()}" };
            exitCode = it.ExitCode;
            // Drivers that leave hashing to the parent (wasm2c) report only where stdout went.
            sha = it.StdoutSha256 ?? (it.StdoutPath is { } written && File.Exists(written) ? Sha256File.Of(written) : null);
            outcome = it.Outcome;
            message = it.Message;
        }
        if (outcome == Outcome.Ok && instructions is null)
            return template with { Outcome = Outcome.Crash, ExitCode = exitCode, Message = $"callgrind wrote no totals to {outFile}: {r.StderrTail(300).Trim()}" };
        // Zero: the program never entered the symbol (a stripped binary, another entry path): no count, not a fast run.
        if (outcome == Outcome.Ok && instructions == 0)
            return template with { Outcome = Outcome.Unsupported, ExitCode = exitCode, Message = $"callgrind counted nothing: the process never entered {symbol}" };
        TryDelete(outFile);
        return template with
        {
            Outcome = outcome, Instructions = instructions, ExitCode = exitCode, StdoutSha256 = sha, Message = message,
        };
    }

    /// <summary>The "totals:" (or "summary:") line of a callgrind output file: Ir collected while collection was on.</summary>
    internal static long? ReadTotal(string callgrindOut)
    {
        if (!File.Exists(callgrindOut)) return null;
        long? summary = null;
        foreach (var line in File.ReadLines(callgrindOut))
        {
            if (line.StartsWith("totals:", StringComparison.Ordinal) && long.TryParse(line.AsSpan(7).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var t))
                return t;
            if (line.StartsWith("summary:", StringComparison.Ordinal) && long.TryParse(line.AsSpan(8).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
                summary = s;
        }
        return summary;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
