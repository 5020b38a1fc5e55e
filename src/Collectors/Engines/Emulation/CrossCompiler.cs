namespace Observatory.Collectors.Engines.Emulation;

/// <summary>
/// How clang-22 builds native code for another ISA: <c>--target=TRIPLE -fuse-ld=lld</c>. clang finds the
/// Debian cross sysroot (/usr/TRIPLE) and gcc's cross start files (/usr/lib/gcc-cross/TRIPLE, from
/// libgcc-12-dev-ARCH-cross) by itself; passing --sysroot would hide the latter.
/// </summary>
public static class CrossCompiler
{
    public static IReadOnlyList<string> Flags(ForeignIsa isa) => [$"--target={isa.Triple}", "-fuse-ld=lld"];

    /// <summary>Null when clang can link for <paramref name="isa"/> here; else what is missing and how to install it.</summary>
    public static string? Missing(ForeignIsa isa)
    {
        if (!Directory.Exists(Path.Combine(isa.Sysroot, "lib"))) return $"cross sysroot {isa.Sysroot} not found: {isa.InstallHint}";
        if (!Directory.Exists(Path.Combine("/usr/lib/gcc-cross", isa.Triple))) return $"/usr/lib/gcc-cross/{isa.Triple} (crtbeginS.o, libgcc) not found: {isa.InstallHint}";
        return null;
    }
}
