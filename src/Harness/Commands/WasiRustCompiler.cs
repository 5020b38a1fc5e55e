using Observatory.Collectors.Processes;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>
/// The Rust half of conformance/wasi: NAME.rs built with Debian's rustc (std only, target
/// wasm32-wasi, which is preview1). The Debian compiler is named by path because a rustup
/// toolchain earlier on PATH may lack the wasm32-wasi standard library.
/// </summary>
internal static class WasiRustCompiler
{
    public const string Rustc = "/usr/bin/rustc";

    /// <summary>rustc's version line (part of every program's cache key); a missing compiler is one clear error.</summary>
    public static string Version()
    {
        if (!File.Exists(Rustc)) throw new UsageException($"conformance/wasi has Rust programs (*.rs) but {Rustc} is missing: apt-get install rustc libstd-rust-dev-wasm32");
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = Rustc, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(20) });
        return r.ExitCode == 0 ? r.Stdout.Trim() : throw new UsageException($"{Rustc} --version failed (exit {r.ExitCode}): {r.Stderr.Trim()}");
    }

    public static ChildProcessSpec Command(string source, string output) => new()
    {
        FileName = Rustc,
        Arguments = ["--edition=2021", "--target", "wasm32-wasi", "-O", "-C", "strip=debuginfo", "-o", output, source],
        Timeout = TimeSpan.FromMinutes(3),
    };
}
