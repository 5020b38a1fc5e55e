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
    public static readonly IReadOnlyList<string> AllowedVariables = ["CI", "GITHUB_RUN_ID", "GITHUB_SHA", "GITHUB_REF", "OBSERVATORY_LABEL"];

    public static Fingerprint Capture(IReadOnlyDictionary<string, string>? toolchain = null, string procRoot = "/proc", string sysRoot = "/sys")
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
            Hostname = System.Environment.MachineName,
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
        };
        return fp with { Id = ComputeId(fp) };
    }

    /// <summary>
    /// Hash of what changes performance: CPU, cores, memory, kernel, arch, virtualisation,
    /// governor, toolchain. The hostname is left out so identical CI machines compare.
    /// </summary>
    public static string ComputeId(Fingerprint f)
    {
        var sb = new StringBuilder();
        sb.Append(f.CpuModel).Append('|').Append(string.Join(',', f.CpuFlags)).Append('|')
          .Append(f.LogicalCores).Append('|').Append(f.MemoryKb / (1024 * 1024)).Append("GiB|")
          .Append(f.Kernel).Append('|').Append(f.Arch).Append('|').Append(f.Virtualization).Append('|')
          .Append(f.Governor).Append('|');
        foreach (var (k, v) in f.Toolchain.OrderBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append(k).Append('=').Append(v).Append(';');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
    }

    /// <summary>Field-by-field differences, for "refusing to compare" messages.</summary>
    public static IReadOnlyList<string> Differences(Fingerprint a, Fingerprint b)
    {
        var d = new List<string>();
        void Check(string name, object? x, object? y) { if (!Equals(x, y)) d.Add($"{name}: '{x}' vs '{y}'"); }
        Check("cpu", a.CpuModel, b.CpuModel);
        if (!a.CpuFlags.SequenceEqual(b.CpuFlags)) d.Add("cpu flags differ");
        Check("cores", a.LogicalCores, b.LogicalCores);
        Check("memory GiB", a.MemoryKb / (1024 * 1024), b.MemoryKb / (1024 * 1024));
        Check("kernel", a.Kernel, b.Kernel);
        Check("arch", a.Arch, b.Arch);
        Check("virtualization", a.Virtualization, b.Virtualization);
        Check("governor", a.Governor, b.Governor);
        foreach (var k in a.Toolchain.Keys.Union(b.Toolchain.Keys).Order(StringComparer.Ordinal))
            Check($"toolchain {k}", a.Toolchain.GetValueOrDefault(k), b.Toolchain.GetValueOrDefault(k));
        return d;
    }

    private static string DetectVirtualization(IReadOnlyList<string> flags, string sysRoot, string procRoot)
    {
        var product = ReadOrEmpty(Path.Combine(sysRoot, "class/dmi/id/product_name")).Trim();
        var vendor = ReadOrEmpty(Path.Combine(sysRoot, "class/dmi/id/sys_vendor")).Trim();
        var cgroup = ReadOrEmpty(Path.Combine(procRoot, "1/cgroup"));
        var container = cgroup.Contains("docker") || cgroup.Contains("kubepods") || cgroup.Contains("lxc")
                        || (procRoot == "/proc" && File.Exists("/.dockerenv"));
        var parts = new List<string>();
        if (flags.Contains("hypervisor"))
        {
            var what = string.Join(' ', new[] { vendor, product }.Where(s => s.Length > 0));
            parts.Add(what.Length > 0 ? $"vm ({what})" : "vm");
        }
        if (container) parts.Add("container");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
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
