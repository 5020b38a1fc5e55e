using System.Globalization;
using System.Security.Cryptography;
using Observatory.Collectors.Engines.Native;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// The project's <c>obs-rusage</c> (<c>drivers/rusage/obs-rusage.c</c>): a runtime CLI runs as its child inside the
/// sandbox, and it writes the kernel's account of the CLI's CPU time (getrusage of reaped children: microseconds,
/// the whole process tree) to a file when the CLI ends. /proc's figure is whole 10 ms ticks and misses the last
/// poll interval; the kernel's is exact, so an A/B run of two CLI builds resolves 3% of a 0.36 s process. Built
/// once with clang-22 per content hash of its source and the compiler, under the engine cache
/// (<c>results/engine-cache/rusage/HASH/obs-rusage</c>); without clang the CLIs run without it and report the polled figure.
/// </summary>
public sealed class ProcessAccountant(EngineEnvironment env)
{
    public const string ExecutableName = "obs-rusage";
    private static readonly object BuildLock = new();

    private string Source => Path.Combine(env.DriverDirectory, "rusage", "obs-rusage.c");

    /// <summary>The built executable, or null with why (the caller falls back to polling).</summary>
    public string? Build(out string reason)
    {
        lock (BuildLock) return BuildLocked(out reason);
    }

    private string? BuildLocked(out string reason)
    {
        reason = "";
        var clang = PathLookup.Find(NativeProvider.Compiler);
        if (clang is null) { reason = $"{NativeProvider.Compiler} not on PATH"; return null; }
        if (!File.Exists(Source)) { reason = $"{Source} is missing (rebuild the observatory)"; return null; }
        var compiler = new FileInfo(clang);
        var key = Convert.ToHexStringLower(SHA256.HashData([.. File.ReadAllBytes(Source),
            .. System.Text.Encoding.UTF8.GetBytes($"|{clang}|{compiler.Length}|{compiler.LastWriteTimeUtc.Ticks}")]))[..16];
        return CacheEntry.Build(Path.Combine(env.EffectiveCacheDirectory, "rusage", key), ExecutableName, tmp =>
        {
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = clang,
                Arguments = ["-O2", "-std=c11", "-Wall", "-Werror", Source, "-o", Path.Combine(tmp, ExecutableName)],
                WorkingDirectory = tmp,
                Timeout = TimeSpan.FromMinutes(2),
                Sandbox = new SandboxMounts { ReadOnly = [Path.GetDirectoryName(Source)!], Writable = [tmp] },
            });
            return r.ExitCode == 0 ? null : $"{NativeProvider.Compiler} could not build {Source}: exit {r.ExitCode}: {(r.Stderr + r.Stdout).Trim()}";
        }, out reason);
    }

    /// <summary>The CPU nanoseconds (user + system) obs-rusage wrote to <paramref name="file"/>, or null when it wrote none (killed, or no such file).</summary>
    public static long? ReadCpuNs(string file)
    {
        if (!File.Exists(file)) return null;
        var parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length >= 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
               && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            ? (user + system) * 1000 : null;
    }
}
