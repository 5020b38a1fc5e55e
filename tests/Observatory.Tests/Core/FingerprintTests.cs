using Observatory.Core.Environment;
using Observatory.Tests.Support;

namespace Observatory.Tests.Core;

public class FingerprintTests
{
    [Fact]
    public void Captures_this_machine()
    {
        var f = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "22" });
        Assert.NotEqual("unknown", f.CpuModel);
        Assert.Equal(Environment.ProcessorCount, f.LogicalCores);
        Assert.True(f.MemoryKb > 0);
        Assert.NotEmpty(f.Kernel);
        Assert.Equal(16, f.Id.Length);
        Assert.Equal("22", f.Toolchain["clang"]);
    }

    [Fact]
    public void Reads_a_proc_tree_and_detects_a_hypervisor()
    {
        using var dir = new TempDirectory();
        dir.Write("proc/cpuinfo", "processor\t: 0\nmodel name\t: Test CPU 9000\nflags\t\t: sse2 avx2 hypervisor\n\nprocessor\t: 1\nmodel name\t: Test CPU 9000\n");
        dir.Write("proc/meminfo", "MemTotal:       16384000 kB\nMemFree: 1 kB\n");
        dir.Write("proc/sys/kernel/osrelease", "6.1.0-test\n");
        dir.Write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n");
        dir.Write("sys/class/dmi/id/product_name", "KVM\n");
        var f = FingerprintProbe.Capture(null, dir.Combine("proc"), dir.Combine("sys"));
        Assert.Equal("Test CPU 9000", f.CpuModel);
        Assert.Equal(["avx2", "hypervisor", "sse2"], f.CpuFlags);
        Assert.Equal(16384000, f.MemoryKb);
        Assert.Equal("6.1.0-test", f.Kernel);
        Assert.Equal("performance", f.Governor);
        Assert.StartsWith("vm", f.Virtualization);
        Assert.Contains("KVM", f.Virtualization);
    }

    [Fact]
    public void Id_changes_with_toolchain_but_not_with_hostname()
    {
        var a = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "22.1" });
        var b = a with { Hostname = "elsewhere" };
        Assert.Equal(a.Id, FingerprintProbe.ComputeId(b));
        var c = FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "22.2" });
        Assert.NotEqual(a.Id, c.Id);
        Assert.Contains(FingerprintProbe.Differences(a, c), d => d.Contains("clang"));
    }

    [Fact]
    public void Environment_variables_are_stored_only_when_allow_listed()
    {
        Environment.SetEnvironmentVariable("OBSERVATORY_TEST_SECRET", "hunter2");
        Environment.SetEnvironmentVariable("OBSERVATORY_LABEL", "nightly");
        try
        {
            var f = FingerprintProbe.Capture();
            Assert.DoesNotContain("OBSERVATORY_TEST_SECRET", f.Variables.Keys);
            Assert.DoesNotContain(f.Variables.Values, v => v == "hunter2");
            Assert.Equal("nightly", f.Variables["OBSERVATORY_LABEL"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OBSERVATORY_TEST_SECRET", null);
            Environment.SetEnvironmentVariable("OBSERVATORY_LABEL", null);
        }
    }
}
