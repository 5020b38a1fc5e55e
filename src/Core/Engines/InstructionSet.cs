using System.Runtime.InteropServices;

namespace Observatory.Core.Engines;

/// <summary>
/// CPU instruction sets by the names `uname -m` uses (x86_64, aarch64, s390x, ppc64le, armv7l),
/// so a stored ISA reads the same as a machine's fingerprint. An engine runs either on the host's
/// own ISA or emulated (qemu-user): emulated timings are stored but are never performance data.
/// </summary>
public static class InstructionSet
{
    public const string X64 = "x86_64";
    public const string Arm64 = "aarch64";
    public const string S390x = "s390x";
    public const string Ppc64le = "ppc64le";
    public const string Armv7 = "armv7l";

    /// <summary>The ISA this process runs on.</summary>
    public static string Host { get; } = Of(RuntimeInformation.ProcessArchitecture);

    public static string Of(Architecture a) => a switch
    {
        Architecture.X64 => X64,
        Architecture.Arm64 => Arm64,
        Architecture.Arm => Armv7,
        Architecture.S390x => S390x,
        Architecture.Ppc64le => Ppc64le,
        Architecture.X86 => "i686",
        _ => a.ToString().ToLowerInvariant(),
    };

    /// <summary>How reports name an engine's architecture: "aarch64 (emulated)" or just "x86_64".</summary>
    public static string Describe(string isa, bool emulated) => emulated ? $"{isa} (emulated)" : isa;

    /// <summary>
    /// The ISAs an --arch list names (comma-separated, as `uname -m` or the common aliases arm64/amd64/x64 spell them).
    /// Returns null and the unknown name when one is not an ISA the observatory knows.
    /// </summary>
    public static IReadOnlyList<string>? Parse(string list, out string? unknown)
    {
        var result = new List<string>();
        unknown = null;
        foreach (var raw in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var isa = raw.ToLowerInvariant() switch
            {
                "x86_64" or "x64" or "amd64" => X64,
                "aarch64" or "arm64" => Arm64,
                "s390x" => S390x,
                "ppc64le" or "ppc64el" => Ppc64le,
                "armv7l" or "armhf" or "arm" => Armv7,
                "all" => "all",
                _ => null,
            };
            if (isa is null) { unknown = raw; return null; }
            if (!result.Contains(isa)) result.Add(isa);
        }
        return result;
    }

    /// <summary>Every ISA the observatory can run engines for, host first.</summary>
    public static IReadOnlyList<string> Known { get; } = [X64, Arm64, S390x, Ppc64le, Armv7];
}
