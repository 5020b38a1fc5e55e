namespace Observatory.Reports.Alerts;

/// <summary>
/// The part of a fingerprint that says "the same machine": its name (the hostname, or
/// $OBSERVATORY_MACHINE_ID when a CI job sets one), CPU, cores, memory, architecture,
/// virtualisation and governor. Runtimes, workloads, toolchain and kernel are left out on purpose:
/// a new runtime build is exactly the change an alert must see, and hosted CI runners change
/// kernels under the same machine label. Series are never joined across classes.
/// </summary>
public static class MachineClass
{
    /// <summary>SQL over `fingerprints f`: a short stable id of the class.</summary>
    public const string IdSql =
        "md5(concat_ws('|', f.hostname, f.cpu_model, f.logical_cores, f.memory_kb // 1048576, f.arch, f.virtualization, coalesce(f.governor, '')))[1:12]";
}
