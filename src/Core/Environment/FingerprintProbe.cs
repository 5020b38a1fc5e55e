using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Observatory.Core.Environment;

/// <summary>
/// Reads the machine's fingerprint from /proc and /sys (Linux). Missing files give
/// "unknown", never an exception: a fingerprint must always be recordable.
/// </summary>
public static class FingerprintProbe
{
    /// <summary>Variables that may be recorded; everything else in the environment stays private.</summary>
    public static readonly IReadOnlyList<string> AllowedVariables = ["CI", "GITHUB_RUN_ID", "GITHUB_SHA", "GITHUB_REF", "OBSERVATORY_LABEL", MachineIdVariable];

    /// <summary>
    /// Names the machine in place of its hostname: hosted CI runners get a new hostname per job, so a nightly
    /// sets a stable name per runner type (e.g. gh-ubuntu-24.04-arm). Being an explicit choice of "another
    /// machine", it also enters the fingerprint id, so two machine ids never share a series.
    /// </summary>
    public const string MachineIdVariable = "OBSERVATORY_MACHINE_ID";

    public static Fingerprint Capture(IReadOnlyDictionary<string, string>? toolchain = null, string procRoot = "/proc", string sysRoot = "/sys",
        IReadOnlyDictionary<string, string>? runtimes = null, IReadOnlyDictionary<string, string>? workloads = null, string? pinning = null)
    {
        var cpuinfo = ReadOrEmpty(Path.Combine(procRoot, "cpuinfo"));
        var model = FieldOf(cpuinfo, "model name") ?? FieldOf(cpuinfo, "Model") ?? "unknown";
        var flags = (FieldOf(cpuinfo, "flags") ?? FieldOf(cpuinfo, "Features") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
        var memKb = ParseKb(FieldOf(ReadOrEmpty(Path.Combine(procRoot, "meminfo")), "MemTotal"));
        var kernel = ReadOrEmpty(Path.Combine(procRoot, "sys/kernel/osrelease")).Trim();
        var governor = ReadOrEmpty(Path.Combine(sysRoot, "devices/system/cpu/cpu0/cpufreq/scaling_governor")).Trim();
        var virt = DetectVirtualization(flags, sysRoot, procRoot);
        var vars = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in AllowedVariables)
            if (System.Environment.GetEnvironmentVariable(name) is { } v) vars[name] = v;

        var tc = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in toolchain ?? new Dictionary<string, string>()) tc[k] = v;
        var fp = new Fingerprint
        {
            Id = "",
            Hostname = System.Environment.GetEnvironmentVariable(MachineIdVariable) is { Length: > 0 } machine ? machine : System.Environment.MachineName,
            CpuModel = model,
            CpuFlags = flags,
            LogicalCores = System.Environment.ProcessorCount,
            MemoryKb = memKb,
            Kernel = kernel.Length > 0 ? kernel : RuntimeInformation.OSDescription,
            Arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            Os = OsName(procRoot),
            Virtualization = virt,
            Governor = governor.Length > 0 ? governor : null,
            DotnetVersion = System.Environment.Version.ToString(),
            Toolchain = tc,
            Variables = vars,
            Runtimes = Sorted(runtimes),
            Workloads = Sorted(workloads),
            Pinning = string.IsNullOrEmpty(pinning) ? null : pinning,
        };
        return fp with { Id = ComputeId(fp) };
    }

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string>? d)
    {
        var s = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in d ?? new Dictionary<string, string>()) s[k] = v;
        return s;
    }

    /// <summary>
    /// Hash of what changes performance: CPU, cores, memory, kernel, arch, virtualisation,
    /// governor, toolchain, runtimes, workloads and pinning. The hostname is left out so
    /// identical CI machines compare.
    /// </summary>
    public static string ComputeId(Fingerprint f)
    {
        var sb = new StringBuilder();
        sb.Append(f.CpuModel).Append('|').Append(string.Join(',', f.CpuFlags)).Append('|')
          .Append(f.LogicalCores).Append('|').Append(f.MemoryKb / (1024 * 1024)).Append("GiB|")
          .Append(f.Kernel).Append('|').Append(f.Arch).Append('|').Append(f.Virtualization).Append('|')
          .Append(f.Governor).Append('|');
        foreach (var (k, v) in f.Toolchain.OrderBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append(k).Append('=').Append(v).Append(';');
        // Appended only when present so fingerprints recorded before these fields existed keep their ids.
        if (f.Runtimes.Count > 0 || f.Workloads.Count > 0 || f.Pinning is not null)
        {
            sb.Append("|runtimes:");
            foreach (var (k, v) in f.Runtimes.OrderBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append(k).Append('=').Append(v).Append(';');
            sb.Append("|workloads:");
            foreach (var (k, v) in f.Workloads.OrderBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append(k).Append('=').Append(v).Append(';');
            sb.Append("|pinning:").Append(f.Pinning);
        }
        // Only when set, so fingerprints recorded without a machine id keep their ids.
        if (f.Variables.TryGetValue(MachineIdVariable, out var machineId)) sb.Append("|machine:").Append(machineId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    /// <summary>
    /// Field-by-field differences that make two runs' numbers incomparable, for
    /// "refusing to compare" messages: the machine, the toolchain, pinning, and the
    /// runtimes both runs have (an engine only one run measured has nothing to compare).
    /// Workloads are left to <see cref="WorkloadDifferences"/>: a changed workload is
    /// what a comparison is often about, so it is reported per cell, not refused.
    /// </summary>
    public static IReadOnlyList<string> Differences(Fingerprint a, Fingerprint b)
    {
        var d = new List<string>();
        void Check(string name, object? x, object? y) { if (!Equals(x, y)) d.Add($"{name}: '{x}' vs '{y}'"); }
        Check("cpu", a.CpuModel, b.CpuModel);
        if (!a.CpuFlags.SequenceEqual(b.CpuFlags))
        {
            var changes = b.CpuFlags.Except(a.CpuFlags).Select(f => "+" + f).Concat(a.CpuFlags.Except(b.CpuFlags).Select(f => "-" + f)).ToList();
            d.Add($"cpu flags: {string.Join(' ', changes.Take(12))}{(changes.Count > 12 ? $" (+{changes.Count - 12} more)" : "")}");
        }
        Check("cores", a.LogicalCores, b.LogicalCores);
        Check("memory GiB", a.MemoryKb / (1024 * 1024), b.MemoryKb / (1024 * 1024));
        Check("kernel", a.Kernel, b.Kernel);
        Check("arch", a.Arch, b.Arch);
        Check("virtualization", a.Virtualization, b.Virtualization);
        Check("governor", a.Governor, b.Governor);
        // "engine:ID" entries are how schema-1 runs recorded runtimes: like runtimes, only shared ones count.
        foreach (var k in a.Toolchain.Keys.Union(b.Toolchain.Keys).Order(StringComparer.Ordinal)
                     .Where(k => !k.StartsWith("engine:", StringComparison.Ordinal) || a.Toolchain.ContainsKey(k) && b.Toolchain.ContainsKey(k)))
            Check($"toolchain {k}", a.Toolchain.GetValueOrDefault(k), b.Toolchain.GetValueOrDefault(k));
        Check("pinning", a.Pinning ?? "none", b.Pinning ?? "none");
        foreach (var k in a.Runtimes.Keys.Intersect(b.Runtimes.Keys).Order(StringComparer.Ordinal))
            Check($"runtime {k}", a.Runtimes[k], b.Runtimes[k]);
        return d;
    }

    /// <summary>Workloads both runs measured whose bytes or arguments differ, as "name/variant: 'a' vs 'b'".</summary>
    public static IReadOnlyList<string> WorkloadDifferences(Fingerprint a, Fingerprint b) =>
        a.Workloads.Keys.Intersect(b.Workloads.Keys).Order(StringComparer.Ordinal)
            .Where(k => a.Workloads[k] != b.Workloads[k])
            .Select(k => $"{k}: '{a.Workloads[k]}' vs '{b.Workloads[k]}'").ToList();

    /// <summary>
    /// Every layer between the workload and the hardware: "vm (vendor product)" when the CPU
    /// reports a hypervisor, "container" when /.dockerenv or PID 1's cgroup says so, both
    /// joined with " + " (a container in a VM is common on CI), "none" otherwise. The
    /// container marker is looked up beside the proc tree, so a test's fake tree is not
    /// mistaken for the machine running the test.
    /// </summary>
    private static string DetectVirtualization(IReadOnlyList<string> flags, string sysRoot, string procRoot)
    {
        var layers = new List<string>();
        if (flags.Contains("hypervisor"))
        {
            var product = ReadOrEmpty(Path.Combine(sysRoot, "class/dmi/id/product_name")).Trim();
            var vendor = ReadOrEmpty(Path.Combine(sysRoot, "class/dmi/id/sys_vendor")).Trim();
            var what = string.Join(' ', new[] { vendor, product }.Where(s => s.Length > 0));
            layers.Add(what.Length > 0 ? $"vm ({what})" : "vm");
        }
        var root = Path.GetDirectoryName(Path.GetFullPath(procRoot).TrimEnd('/')) ?? "/";
        var cgroup = ReadOrEmpty(Path.Combine(procRoot, "1/cgroup"));
        if (File.Exists(Path.Combine(root, ".dockerenv")) || cgroup.Contains("docker") || cgroup.Contains("kubepods"))
            layers.Add("container");
        return layers.Count == 0 ? "none" : string.Join(" + ", layers);
    }

    private static string OsName(string procRoot)
    {
        var osRelease = ReadOrEmpty("/etc/os-release");
        foreach (var line in osRelease.Split('\n'))
            if (line.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) return line[12..].Trim('"');
        return RuntimeInformation.OSDescription;
    }

    internal static string? FieldOf(string text, string key)
    {
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == key) return line[(colon + 1)..].Trim();
        }
        return null;
    }

    private static long ParseKb(string? s)
    {
        if (s is null) return 0;
        var digits = new string(s.TakeWhile(char.IsDigit).ToArray());
        return long.TryParse(digits, out var v) ? v : 0;
    }

    private static string ReadOrEmpty(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path) : ""; }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }
}
