using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;

namespace Observatory.Harness.Running;

/// <summary>
/// Versions of the tools around the compilers that shape results and belong in the
/// fingerprint: the WASI libc the modules link against and valgrind (instruction counts).
/// A missing tool is recorded as "not installed", never skipped, so fingerprints stay comparable.
/// </summary>
public static class ToolVersions
{
    public static IReadOnlyDictionary<string, string> Probe()
    {
        var v = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["wasi-libc"] = DebianPackage("wasi-libc") ?? "not installed",
            ["valgrind"] = InstructionCounter.Version() ?? "not installed",
        };
        return v;
    }

    /// <summary>The installed version of a Debian package, or null.</summary>
    private static string? DebianPackage(string name)
    {
        if (PathLookup.Find("dpkg-query") is not { } dpkg) return null;
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = dpkg, Arguments = ["-W", "-f=${Version}", name], Timeout = TimeSpan.FromSeconds(20) });
        var s = r.Stdout.Trim();
        return r.ExitCode == 0 && s.Length > 0 ? s : null;
    }
}
