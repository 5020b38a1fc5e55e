using Observatory.Core.Engines;

namespace Observatory.Harness.Cli;

/// <summary>
/// --arch LIST: the instruction sets whose engines a command selects (x86_64, aarch64, s390x, ppc64le,
/// armv7l, all). Without it, run selects only the host's own ISA: engines of another ISA run emulated and are
/// opted into, never picked by an --engines glob alone.
/// </summary>
public static class ArchOption
{
    public const string Description =
        "instruction sets whose engines to select: x86_64, aarch64, s390x, ppc64le, armv7l or all, comma-separated "
        + "(default: this machine's own; other ISAs run emulated under qemu-user, their timings are stored but never ranked)";

    /// <summary>The ISAs named, or null (host only) when the option was not given; an unknown name is a usage error.</summary>
    public static IReadOnlyList<string>? Parse(string? value)
    {
        if (value is null) return null;
        var isas = InstructionSet.Parse(value, out var unknown);
        if (isas is null || isas.Count == 0)
            throw new UsageException($"--arch '{unknown ?? value}' is not an instruction set (one of {string.Join(", ", InstructionSet.Known)}, all)");
        return isas;
    }
}
