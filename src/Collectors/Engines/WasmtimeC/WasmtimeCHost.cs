using System.Security.Cryptography;
using System.Text;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.WasmtimeC;

/// <summary>
/// Builds the project's Wasmtime C-API host (<c>drivers/wasmtime-c/</c>, with the @obs writer and bench
/// imports of <c>drivers/wasm2c/</c>) for one ISA with clang-22, linked against that ISA's packaged
/// libwasmtime.so (found again at run time through an rpath to its directory). For a foreign ISA clang
/// cross-compiles (<see cref="CrossCompiler"/>: <c>--target=TRIPLE -fuse-ld=lld</c> over the Debian cross sysroot).
/// Built once per content hash of the sources, the library and the compiler, under the engine cache
/// (<c>results/engine-cache/wasmtime-c/ISA-HASH/host</c>); clang runs in the OS sandbox and writes only its build directory.
/// </summary>
public sealed class WasmtimeCHost(EngineEnvironment env, string clang, string isa, ForeignIsa? foreign, string library)
{
    public const string OptimizationLevel = "-O2";
    public const string ExecutableName = "host";

    private static readonly object BuildLock = new();

    public string Library => library;
    public string LibraryDirectory => Path.GetDirectoryName(library)!;
    private string Sources => Path.Combine(env.DriverDirectory, "wasmtime-c");
    private string Shared => Path.Combine(env.DriverDirectory, "wasm2c");
    private static readonly string[] SharedFiles = ["driver-protocol.c", "driver-protocol.h", "bench-region.c", "bench-region.h"];

    /// <summary>The built host, or null with clang's message (or what is missing).</summary>
    public string? Build(out string reason)
    {
        lock (BuildLock) return BuildLocked(out reason);
    }

    /// <summary>clang's flags: the target (for a foreign ISA) and the library to link, found again at run time by rpath.</summary>
    public IReadOnlyList<string> Flags =>
    [
        .. foreign is null ? [] : CrossCompiler.Flags(foreign),
        OptimizationLevel, "-std=c11", "-D_GNU_SOURCE", "-Wall", "-Werror",
        $"-I{Sources}", $"-I{Shared}",
        $"-L{LibraryDirectory}", "-lwasmtime", $"-Wl,-rpath,{LibraryDirectory}",
    ];

    private string? BuildLocked(out string reason)
    {
        reason = "";
        if (!Directory.Exists(Sources) || SharedFiles.Any(f => !File.Exists(Path.Combine(Shared, f))))
        {
            reason = $"the Wasmtime C host sources are missing: {Sources} (rebuild the observatory)";
            return null;
        }
        var dir = Path.Combine(env.EffectiveCacheDirectory, "wasmtime-c", $"{isa}-{Key()}");
        return CacheEntry.Build(dir, ExecutableName, tmp =>
        {
            var sources = Directory.GetFiles(Sources, "*.c").Order(StringComparer.Ordinal)
                .Concat(SharedFiles.Where(f => f.EndsWith(".c", StringComparison.Ordinal)).Select(f => Path.Combine(Shared, f)));
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = clang,
                Arguments = [.. sources, .. Flags, "-o", Path.Combine(tmp, ExecutableName)],
                WorkingDirectory = tmp,
                Timeout = TimeSpan.FromMinutes(5),
                Sandbox = new SandboxMounts { ReadOnly = [Sources, Shared, LibraryDirectory], Writable = [tmp] },
            });
            if (r.ExitCode == 0) return null;
            var said = (r.Stderr + r.Stdout).Trim();
            return $"{Path.GetFileName(clang)} could not build the Wasmtime C host for {isa} ({Sources} against {library}): exit {r.ExitCode}: {(said.Length > 600 ? said[..600] + "..." : said)}";
        }, out reason);
    }

    /// <summary>Everything the executable depends on: the sources, the library (path, size, time), clang, the flags.</summary>
    private string Key()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = Directory.GetFiles(Sources).Order(StringComparer.Ordinal).Concat(SharedFiles.Select(f => Path.Combine(Shared, f)));
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(f) + "\n"));
            sha.AppendData(File.ReadAllBytes(f));
        }
        var lib = new FileInfo(library);
        var compiler = new FileInfo(clang);
        sha.AppendData(Encoding.UTF8.GetBytes($"{library}|{lib.Length}|{lib.LastWriteTimeUtc.Ticks}|{clang}|{compiler.Length}|{compiler.LastWriteTimeUtc.Ticks}|{string.Join(' ', Flags)}"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }
}
