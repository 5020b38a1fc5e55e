using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Wasm2c;

/// <summary>
/// Compiles a module ahead of time: <c>wasm2c -n m</c> translates it to C, clang-22 -O2
/// compiles that with the project's driver (<c>drivers/wasm2c/</c>: WASI preview1 host, bench
/// imports, @obs main) and wabt's runtime (<c>wasm-rt-impl.c</c>) into one executable. The host
/// and runtime objects are compiled once per source hash; each module once per content hash
/// (and host), both under the engine cache (<c>results/engine-cache/wasm2c/</c>). Failures are
/// cached too, so a module that wasm2c rejects, or that clang cannot finish in
/// <see cref="CompileTimeout"/>, is not tried again by every process. wasm2c and clang run in
/// the OS sandbox: they see the module and the host sources read-only, and write only their
/// build directory.
/// </summary>
public sealed class Wasm2cToolchain(EngineEnvironment env, string wasm2c, string clang)
{
    public const string RuntimeDirectory = "/usr/share/wabt/wasm2c";
    public const string RuntimeHeader = "/usr/include/wasm-rt.h";
    public static string RuntimeSource => Path.Combine(RuntimeDirectory, "wasm-rt-impl.c");
    public const string OptimizationLevel = "-O2";

    /// <summary>
    /// wasm2c 1.0.32 writes one C file and clang compiles it as one translation unit, so cost
    /// grows with the module and nothing runs in parallel. Measured here (2 shared cores):
    /// sqlite (1.1 MB of wasm) becomes 14 MB of C; flite (21 MB) 109 MB of C in 5 s; on
    /// yosys (31 MB) wasm2c alone ran for over 12 minutes. Modules above these limits are
    /// "unsupported" with the limit in the message rather than minutes of doomed compilation
    /// (and tens of GB of clang memory on a machine without swap).
    /// </summary>
    public const long MaxModuleBytes = 16L << 20;
    public const long MaxGeneratedCBytes = 64L << 20;

    /// <summary>The time wasm2c + clang get for one module, and the address space clang gets.</summary>
    public static TimeSpan CompileTimeout { get; } = TimeSpan.FromMinutes(10);
    public const long ClangMemoryBytes = 6L << 30;

    public string Wasm2c => wasm2c;
    public string Clang => clang;
    public string HostSources => Path.Combine(env.DriverDirectory, "wasm2c");
    private string CacheRoot => Path.Combine(env.EffectiveCacheDirectory, "wasm2c");

    // One build at a time in this process (cells and tests may ask for the same module at once);
    // unique temp directories + atomic moves keep separate processes safe too.
    private static readonly object BuildLock = new();
    private static readonly ConcurrentDictionary<(string, long, DateTime), string> Hashes = new();
    private string? hostKey;

    /// <summary>The host and runtime objects, built if needed; null with the reason when they cannot be.</summary>
    public string? HostObjects(out string reason)
    {
        lock (BuildLock) return HostObjectsLocked(out reason);
    }

    /// <summary>The executable for <paramref name="wasm"/>, or why there is none; never throws for a bad module.</summary>
    public Wasm2cBuild Build(string wasm, CancellationToken ct = default)
    {
        lock (BuildLock) return BuildLocked(Path.GetFullPath(wasm), ct);
    }

    private string HostKey => hostKey ??= ComputeHostKey();

    /// <summary>Everything the objects and executables depend on: sources, runtime, tool versions, flags.</summary>
    private string ComputeHostKey()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.Exists(HostSources) ? Directory.GetFiles(HostSources).Order(StringComparer.Ordinal).ToList() : [];
        foreach (var f in files.Concat([RuntimeSource, Path.Combine(RuntimeDirectory, "wasm-rt-impl.h"), RuntimeHeader]).Where(File.Exists))
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(f) + "\n"));
            sha.AppendData(File.ReadAllBytes(f));
        }
        sha.AppendData(Encoding.UTF8.GetBytes($"{wasm2c}\n{clang}\n{OptimizationLevel}\n"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    private string HostDirectory => Path.Combine(CacheRoot, $"host-{HostKey}");

    private string? HostObjectsLocked(out string reason)
    {
        reason = "";
        var dir = HostDirectory;
        if (File.Exists(Path.Combine(dir, "complete"))) return dir;
        if (!Directory.Exists(HostSources))
        {
            reason = $"the wasm2c host sources are missing: {HostSources} (rebuild the observatory)";
            return null;
        }
        var sources = Directory.GetFiles(HostSources, "*.c").Where(f => Path.GetFileName(f) != "module-glue.c").Order(StringComparer.Ordinal);
        return CacheEntry.Build(dir, "complete", tmp =>
        {
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = clang,
                Arguments = [OptimizationLevel, "-c", $"-I{HostSources}", $"-I{RuntimeDirectory}", .. sources, RuntimeSource],
                WorkingDirectory = tmp,
                Timeout = TimeSpan.FromMinutes(5),
                Sandbox = ToolSandbox(tmp, HostSources, RuntimeDirectory),
            });
            if (r.ExitCode != 0) return $"clang could not compile the wasm2c host ({HostSources}): exit {r.ExitCode}: {r.StderrTail(600).Trim()}";
            File.WriteAllText(Path.Combine(tmp, "complete"), "");
            return null;
        }, out reason) is null ? null : dir;
    }

    private Wasm2cBuild BuildLocked(string wasm, CancellationToken ct)
    {
        var host = HostObjectsLocked(out var reason);
        if (host is null) return Wasm2cBuild.Failed(Outcome.Crash, reason);
        var dir = Path.Combine(CacheRoot, $"{HashOf(wasm)[..16]}-{HostKey}");
        if (Wasm2cBuild.Load(dir) is { } cached) return cached;
        var tmp = CacheEntry.TempName(dir);
        Directory.CreateDirectory(tmp);
        var build = Compile(wasm, host, tmp, ct);
        if (ct.IsCancellationRequested)
        {
            // Interrupted, not failed: nothing to remember.
            CacheEntry.TryDelete(tmp);
            return build;
        }
        // The generated C can be hundreds of MB; the executable and the header are what stay.
        TryDeleteFile(Path.Combine(tmp, $"{Wasm2cModuleShape.ModuleName}.c"));
        build.Save(tmp);
        CacheEntry.Publish(tmp, dir);
        return Wasm2cBuild.Load(dir) ?? build with { Directory = dir };
    }

    private Wasm2cBuild Compile(string wasm, string host, string work, CancellationToken ct)
    {
        var size = new FileInfo(wasm).Length;
        if (size > MaxModuleBytes)
            return Wasm2cBuild.Failed(Outcome.Unsupported, string.Create(CultureInfo.InvariantCulture,
                $"module too large to compile ahead of time here: {size / 1e6:0.#} MB of wasm, above the {MaxModuleBytes >> 20} MiB this engine takes (wasm2c writes one C file and clang -O2 compiles it as one unit)"));
        var source = Path.Combine(work, $"{Wasm2cModuleShape.ModuleName}.c");
        var t = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = wasm2c,
            Arguments = [wasm, "-n", Wasm2cModuleShape.ModuleName, "-o", source],
            WorkingDirectory = work,
            Timeout = CompileTimeout,
            Sandbox = ToolSandbox(work, wasm),
        }, ct);
        if (t.TimedOut) return TooLarge("wasm2c", t);
        if (t.ExitCode != 0 || !File.Exists(source)) return Wasm2cFailed(wasm, t);
        var generated = new FileInfo(source).Length;
        if (generated > MaxGeneratedCBytes)
            return Wasm2cBuild.Failed(Outcome.Unsupported, string.Create(CultureInfo.InvariantCulture,
                $"module too large to compile ahead of time here: wasm2c wrote {generated / 1e6:0} MB of C, above the {MaxGeneratedCBytes >> 20} MiB clang -O2 gets as one translation unit"));
        var shape = Wasm2cModuleShape.Read(File.ReadAllText(Path.Combine(work, $"{Wasm2cModuleShape.ModuleName}.h")),
            RuntimeCli.WasmImports.Read(File.ReadAllBytes(wasm)), out var unsupported);
        if (shape is null) return Wasm2cBuild.Failed(Outcome.Unsupported, unsupported);
        var objects = Directory.GetFiles(host, "*.o").Order(StringComparer.Ordinal);
        // An address-space limit turns clang's appetite on a huge module into a clean "out of memory".
        string[] command = Prlimit is null ? [clang] : [Prlimit, $"--as={ClangMemoryBytes}", "--", clang];
        var c = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = command[0],
            // -w: the generated C warns by the thousand (unused labels, casts); none is ours to fix.
            Arguments = [.. command[1..], OptimizationLevel, "-w", $"-I{work}", $"-I{HostSources}", $"-I{RuntimeDirectory}", .. shape.Defines,
                         source, Path.Combine(HostSources, "module-glue.c"), .. objects, "-lm", "-o", Path.Combine(work, Wasm2cBuild.ExecutableName)],
            WorkingDirectory = work,
            Timeout = CompileTimeout - TimeSpan.FromTicks(t.WallNs / 100),
            Sandbox = ToolSandbox(work, HostSources, RuntimeDirectory, host),
        }, ct);
        if (c.TimedOut) return TooLarge("clang", c, t.WallNs);
        if (c.ExitCode != 0 && OutOfMemory(c))
            return Wasm2cBuild.Failed(Outcome.Unsupported, string.Create(CultureInfo.InvariantCulture,
                $"module too large to compile ahead of time here: clang {OptimizationLevel} ran out of its {ClangMemoryBytes >> 30} GiB address-space limit on {generated / 1e6:0} MB of C"));
        if (c.ExitCode != 0)
            return Wasm2cBuild.Failed(c.KilledBySignal ? Outcome.Crash : Outcome.Unsupported,
                $"{Path.GetFileName(clang)} {OptimizationLevel} could not build wasm2c's output: exit {c.ExitCode}: {Tail(c)}");
        return new Wasm2cBuild { CompileNs = t.WallNs + c.WallNs, Wasm2cNs = t.WallNs, ClangNs = c.WallNs };
    }

    /// <summary>
    /// wasm2c 1.0.32 parses more than its C writer implements: on SIMD (v128) it aborts with no
    /// message. wabt's validator with SIMD disabled tells that case apart.
    /// </summary>
    private static Wasm2cBuild Wasm2cFailed(string wasm, ChildProcessResult t)
    {
        var text = Tail(t);
        bool Valid(params string[] args) => ChildProcess.Run(new ChildProcessSpec
        {
            FileName = PathLookup.Find("wasm-validate")!, Arguments = [.. args, wasm], Timeout = TimeSpan.FromMinutes(2),
            Sandbox = new SandboxMounts { ReadOnly = [wasm] },
        }).ExitCode == 0;
        if (PathLookup.Find("wasm-validate") is not null && !Valid("--disable-simd") && Valid())
            return Wasm2cBuild.Failed(Outcome.Unsupported,
                $"the module uses SIMD (v128), which wasm2c 1.0.32 does not translate (wasm2c {t.Ending}{(text.Length > 0 ? ": " + text : ", no message")})");
        return Wasm2cBuild.Failed(t.KilledBySignal ? Outcome.Crash : Outcome.Unsupported,
            $"wasm2c could not translate the module: it {t.Ending}{(text.Length > 0 ? ": " + text : ", no message")}");
    }

    private static bool OutOfMemory(ChildProcessResult r) =>
        r.Stderr.Contains("out of memory", StringComparison.OrdinalIgnoreCase) ||
        r.Stderr.Contains("Allocation failed", StringComparison.OrdinalIgnoreCase) ||
        r.Stderr.Contains("std::bad_alloc", StringComparison.Ordinal);

    private static readonly string? Prlimit = PathLookup.Find("prlimit");

    private static Wasm2cBuild TooLarge(string tool, ChildProcessResult r, long before = 0) =>
        Wasm2cBuild.Failed(Outcome.Unsupported, string.Create(CultureInfo.InvariantCulture,
            $"module too large to compile ahead of time here: {tool} did not finish within the {CompileTimeout.TotalMinutes:0}-minute compile limit of wasm2c + clang {OptimizationLevel} ({(before + r.WallNs) / 1e9:0} s spent)"));

    private static string Tail(ChildProcessResult r)
    {
        var text = (r.Stderr + r.Stdout).Trim();
        return text.Length <= 600 ? text : "..." + text[^600..];
    }

    /// <summary>The tools see /usr, the given inputs read-only, and write only their build directory.</summary>
    private static SandboxMounts ToolSandbox(string work, params string[] inputs) => new() { ReadOnly = inputs, Writable = [work] };

    /// <summary>The module's SHA-256, remembered per file version: large modules are hashed once per observatory process.</summary>
    private static string HashOf(string wasm)
    {
        var info = new FileInfo(wasm);
        return Hashes.GetOrAdd((wasm, info.Length, info.LastWriteTimeUtc), _ => Sha256File.Of(wasm));
    }

    private static void TryDeleteFile(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
