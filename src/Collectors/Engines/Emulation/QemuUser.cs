using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.Emulation;

/// <summary>
/// Runs a foreign-ISA binary under qemu-user: the command becomes <c>qemu-ARCH-static BINARY ARGS</c>
/// with QEMU_LD_PREFIX at the cross sysroot, and inside the sandbox the qemu binary and the sysroot
/// are bound read-only. Emulation is 5-50x slower than the hardware: timeouts are scaled by
/// <see cref="TimeoutScale"/>, and engines say so in their flags and timeout messages.
/// </summary>
public sealed record QemuUser(ForeignIsa Target, string QemuBinary)
{
    /// <summary>Emulated V8 and native code measured here run 10-30x slower than on x86_64; 25 leaves room on a loaded machine.</summary>
    public const double TimeoutScale = 25;

    /// <summary>qemu-user for <paramref name="target"/>, or null and the exact reason it cannot run (what is missing, how to install it).</summary>
    public static QemuUser? Find(ForeignIsa target, out string reason)
    {
        var qemu = PathLookup.Find(target.QemuName);
        if (qemu is null)
        {
            reason = $"{target.QemuName} not on PATH: {target.InstallHint}";
            return null;
        }
        if (!Directory.Exists(Path.Combine(target.Sysroot, "lib")))
        {
            reason = $"cross sysroot {target.Sysroot}/lib not found: {target.InstallHint}";
            return null;
        }
        reason = "";
        return new QemuUser(target, qemu);
    }

    /// <summary>The same command, run by qemu: the program becomes qemu's first argument.</summary>
    public ChildProcessSpec Wrap(ChildProcessSpec spec) => spec with
    {
        FileName = QemuBinary,
        Arguments = [spec.FileName, .. spec.Arguments],
        Environment = new Dictionary<string, string>(spec.Environment) { ["QEMU_LD_PREFIX"] = Target.Sysroot },
        Sandbox = spec.Sandbox?.WithReadOnly(QemuBinary, Target.Sysroot),
    };

    /// <summary>What an engine's flags say about its emulation.</summary>
    public IEnumerable<string> Describe() =>
        [$"emulator={Path.GetFileName(QemuBinary)}", $"QEMU_LD_PREFIX={Target.Sysroot}", $"timeout-scale={TimeoutScale:0}"];

    /// <summary>The sentence a timed-out emulated process appends to its message.</summary>
    public static string TimeoutNote => $"(the timeout is scaled x{TimeoutScale:0} for qemu-user emulation)";
}
