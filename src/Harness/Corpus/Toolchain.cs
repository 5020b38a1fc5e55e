using Observatory.Collectors.Processes;

namespace Observatory.Harness.Corpus;

/// <summary>
/// The compilers that turn workload sources into wasm and native code, and their
/// versions (recorded in every fingerprint). Debian's wasi-libc lives in
/// /usr/{include,lib}/wasm32-wasi; clang wants it under a sysroot with wasm32-wasip1
/// names, so we make one of symlinks (otherwise clang silently uses glibc headers).
/// </summary>
public sealed class Toolchain
{
    public const string Clang = "clang-22";
    public const string ClangXX = "clang++-22";
    public const string WasiInclude = "/usr/include/wasm32-wasi";
    public const string WasiLib = "/usr/lib/wasm32-wasi";

    public string Sysroot { get; }
    public IReadOnlyDictionary<string, string> Versions { get; }

    public Toolchain(string workDirectory)
    {
        Sysroot = Path.Combine(workDirectory, "sysroot");
        Versions = ProbeVersions();
    }

    /// <summary>Creates the sysroot of symlinks if missing; returns an install hint when wasi-libc is absent.</summary>
    public string? Prepare()
    {
        if (!Directory.Exists(WasiInclude) || !Directory.Exists(WasiLib))
            return $"wasi-libc is not installed ({WasiInclude} missing): apt-get install wasi-libc libclang-rt-22-dev-wasm32";
        Link(Path.Combine(Sysroot, "include", "wasm32-wasip1"), WasiInclude);
        Link(Path.Combine(Sysroot, "lib", "wasm32-wasip1"), WasiLib);
        return null;
    }

    private static void Link(string link, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        var info = new FileInfo(link);
        if (info.LinkTarget == target) return;
        if (info.Exists || Directory.Exists(link) || info.LinkTarget is not null) File.Delete(link);
        File.CreateSymbolicLink(link, target);
    }

    private static IReadOnlyDictionary<string, string> ProbeVersions()
    {
        var v = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var clang = ChildProcess.Run(new ChildProcessSpec { FileName = Clang, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(20) });
        v["clang"] = clang.ExitCode == 0 ? clang.Stdout.Split('\n')[0].Trim() : "not installed";
        return v;
    }

    public string ClangVersion => Versions["clang"];
}
