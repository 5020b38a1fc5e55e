namespace Observatory.Collectors.Processes;

/// <summary>
/// The one policy every engine process starts under (a <see cref="ChildProcessSpec"/> with
/// <see cref="ChildProcessSpec.Sandbox"/> set). Engines' own WASI layers are not security
/// boundaries (node:wasi says so itself; guests on Node, Deno and Bun followed symlinks out of
/// their preopen), so the OS draws the boundary: bubblewrap with every namespace unshared (no
/// network), a private /tmp, /usr and the runtime's own files read-only, only the scratch and
/// preopens writable, the root read-only, and death with the observatory. Without bubblewrap, or
/// with --no-sandbox, the process runs on the host but still dies with the observatory
/// (util-linux setpriv --pdeathsig KILL), so no engine is ever orphaned.
/// No memory limit: wasm engines reserve tens of GiB of virtual address space for guard pages,
/// so an address-space rlimit breaks them, and RSS limits need cgroup delegation we may not have.
/// CPU time is bounded by the spec's timeout.
/// </summary>
public static class Sandbox
{
    private static readonly Lazy<SandboxAvailability> Probed = new(SandboxAvailability.Probe);

    /// <summary>Set by --no-sandbox: every engine process runs on the host (still dying with us).</summary>
    public static bool DisabledByUser { get; set; }

    public static SandboxAvailability Availability => Probed.Value;

    /// <summary>True when engine processes are contained by bubblewrap.</summary>
    public static bool On => !DisabledByUser && Availability.Usable;

    /// <summary>How the run's engine processes were started, as recorded in its protocol.</summary>
    public static string Describe() =>
        DisabledByUser ? "off (--no-sandbox)" : Availability.Usable ? "bubblewrap" : $"off: {Availability.Reason}";

    /// <summary>The environment every .NET engine worker gets: no diagnostics IPC, so a killed worker leaves nothing in /tmp.</summary>
    public static IReadOnlyDictionary<string, string> DotnetWorkerEnvironment { get; } =
        new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "0" };

    /// <summary>The spec as started: inside bubblewrap, or on the host with a parent-death signal; tool processes (no Sandbox) unchanged.</summary>
    public static ChildProcessSpec Wrap(ChildProcessSpec spec)
    {
        if (spec.Sandbox is not { } mounts) return spec;
        if (mounts.Contain && On) return InBubblewrap(spec, mounts, Availability.Bwrap!);
        return WithParentDeathSignal(spec);
    }

    /// <summary>Namespaces, the system files every runtime needs, a private /tmp. Order matters: /tmp before binds beneath it.</summary>
    public static IReadOnlyList<string> BaseArguments() =>
    [
        "--die-with-parent", "--unshare-all", "--new-session",
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
        "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
        // The dynamic loader's cache is the only file of /etc a runtime here needs (checked for
        // dotnet, node, deno, bun and clang output); no passwd, no hosts, no certificates.
        "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
        // CPU topology and cache sizes: the .NET GC and V8 size themselves from these, so
        // without them a sandboxed engine would be configured differently from an unsandboxed one.
        "--ro-bind-try", "/sys/devices/system/cpu", "/sys/devices/system/cpu",
        // Runtimes keep caches under HOME (Deno's DENO_DIR, Bun's): a private, empty one.
        "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp",
        // Points at a certificate file the sandbox does not have; Node warns on every start.
        "--unsetenv", "NODE_EXTRA_CA_CERTS",
    ];

    private static ChildProcessSpec InBubblewrap(ChildProcessSpec spec, SandboxMounts mounts, string bwrap)
    {
        var args = new List<string>(BaseArguments());
        if (mounts.AsPid1) args.Add("--as-pid-1");
        args.AddRange(SandboxBinds.Arguments(mounts));
        args.AddRange(["--remount-ro", "/"]);
        args.AddRange(["--chdir", WorkingDirectory(spec, mounts)]);
        args.Add("--");
        args.Add(spec.FileName);
        args.AddRange(spec.Arguments);
        return spec with { FileName = bwrap, Arguments = args, WorkingDirectory = null, Sandbox = null };
    }

    /// <summary>The spec's working directory when the sandbox shows it, else the first writable path, else /.</summary>
    private static string WorkingDirectory(ChildProcessSpec spec, SandboxMounts mounts)
    {
        if (spec.WorkingDirectory is { } wd && SandboxBinds.Visible(mounts, wd)) return Path.GetFullPath(wd);
        return mounts.Writable.Select(Path.GetFullPath).FirstOrDefault() ?? "/";
    }

    private static readonly string? Setpriv = Engines.PathLookup.Find("setpriv");

    /// <summary>
    /// PR_SET_PDEATHSIG through util-linux's setpriv, which then execs the engine (same pid):
    /// the kernel kills it when the thread that started it dies, i.e. when the observatory dies
    /// (callers wait on their child from the starting thread, so that thread outlives it).
    /// </summary>
    private static ChildProcessSpec WithParentDeathSignal(ChildProcessSpec spec) =>
        Setpriv is null ? spec with { Sandbox = null }
            : spec with { FileName = Setpriv, Arguments = ["--pdeathsig", "KILL", "--", spec.FileName, .. spec.Arguments], Sandbox = null };
}
