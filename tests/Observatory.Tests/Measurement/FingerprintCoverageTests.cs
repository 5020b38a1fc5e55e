using Observatory.Core.Environment;
using Observatory.Harness.Cli;
using Observatory.Harness.Running;

namespace Observatory.Tests.Measurement;

/// <summary>The fingerprint records runtimes, workloads and pinning, and says exactly what differs.</summary>
public class FingerprintCoverageTests
{
    private static Fingerprint With(string runtime = "version 50.0.1 tier cranelift", string workload = "wasm aa args [100]", string? pin = null, string extraRuntime = "") =>
        FingerprintProbe.Capture(new Dictionary<string, string> { ["clang"] = "22", ["wasi-libc"] = "0.1", ["valgrind"] = "valgrind-3.19.0" },
            runtimes: extraRuntime.Length == 0
                ? new Dictionary<string, string> { ["wasmtime"] = runtime }
                : new Dictionary<string, string> { ["wasmtime"] = runtime, [extraRuntime] = "version 1" },
            workloads: new Dictionary<string, string> { ["sum/O2"] = workload },
            pinning: pin);

    [Fact]
    public void Captures_the_machine_runtimes_workloads_and_pinning()
    {
        var f = With(pin: "1");
        Assert.NotEqual("unknown", f.CpuModel);
        Assert.NotEmpty(f.CpuFlags);
        Assert.True(f.LogicalCores >= 1);
        Assert.True(f.MemoryKb > 0);
        Assert.NotEmpty(f.Kernel);
        Assert.NotEmpty(f.Arch);
        Assert.NotEmpty(f.Virtualization);
        Assert.Equal("version 50.0.1 tier cranelift", f.Runtimes["wasmtime"]);
        Assert.Equal("wasm aa args [100]", f.Workloads["sum/O2"]);
        Assert.Equal("1", f.Pinning);
        Assert.Equal("valgrind-3.19.0", f.Toolchain["valgrind"]);
    }

    [Fact]
    public void A_container_in_a_vm_reports_both_layers()
    {
        using var dir = new Observatory.Tests.Support.TempDirectory();
        dir.Write("proc/cpuinfo", "model name\t: Test CPU\nflags\t\t: sse2 hypervisor\n");
        dir.Write("proc/1/cgroup", "0::/\n");
        dir.Write(".dockerenv", "");
        Assert.Equal("vm + container", FingerprintProbe.Capture(null, dir.Combine("proc"), dir.Combine("sys")).Virtualization);
        File.Delete(dir.Combine(".dockerenv"));
        Assert.Equal("vm", FingerprintProbe.Capture(null, dir.Combine("proc"), dir.Combine("sys")).Virtualization);
    }

    [Fact]
    public void Every_recorded_field_changes_the_id()
    {
        var a = With();
        Assert.NotEqual(a.Id, With(runtime: "version 51.0.0 tier cranelift").Id);
        Assert.NotEqual(a.Id, With(workload: "wasm bb args [100]").Id);
        Assert.NotEqual(a.Id, With(pin: "0").Id);
        Assert.Equal(a.Id, With().Id);
    }

    [Fact]
    public void Differences_name_the_fields_but_leave_workloads_and_unshared_engines_to_the_cells()
    {
        var a = With();
        Assert.Empty(FingerprintProbe.Differences(a, With(extraRuntime: "node-20")));   // an engine only one run has: nothing to compare
        Assert.Empty(FingerprintProbe.Differences(a, With(workload: "wasm bb args [110]")));
        Assert.Equal(["sum/O2: 'wasm aa args [100]' vs 'wasm bb args [110]'"], FingerprintProbe.WorkloadDifferences(a, With(workload: "wasm bb args [110]")));
        Assert.Equal(["pinning: 'none' vs '1'"], FingerprintProbe.Differences(a, With(pin: "1")));
        Assert.Equal(["runtime wasmtime: 'version 50.0.1 tier cranelift' vs 'version 50.0.1 tier winch'"],
            FingerprintProbe.Differences(a, With(runtime: "version 50.0.1 tier winch")));
        var flags = a with { CpuFlags = [.. a.CpuFlags.Where(x => x != a.CpuFlags[0]), "zz-new-flag"] };
        Assert.Equal([$"cpu flags: +zz-new-flag -{a.CpuFlags[0]}"], FingerprintProbe.Differences(a, flags));
    }
}

/// <summary>`--pin`: real taskset on a real process (never the test host itself), and clear errors naming the option.</summary>
public class CpuPinningTests
{
    [Fact]
    public void Pins_every_thread_of_a_process_to_the_cpu_list()
    {
        using var sleeper = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("sleep", "30"))!;
        try
        {
            var last = Environment.ProcessorCount - 1;
            Assert.Equal(last.ToString(), CpuPinning.Apply(last.ToString(), sleeper.Id));
            var allowed = File.ReadLines($"/proc/{sleeper.Id}/status").Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal));
            Assert.Equal(last.ToString(), allowed.Split(':')[1].Trim());
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Theory]
    [InlineData("one", "--pin expects a CPU list")]
    [InlineData("3-1", "--pin range '3-1' runs backwards")]
    [InlineData("4096", "--pin 4096: CPU 4096 does not exist here")]
    public void Bad_cpu_lists_are_usage_errors_naming_the_option(string list, string message)
    {
        var e = Assert.Throws<UsageException>(() => CpuPinning.Apply(list, Environment.ProcessId));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Lists_and_ranges_parse_like_taskset()
    {
        Assert.Equal([0, 2, 3, 4], CpuPinning.Parse("0,2-4"));
        Assert.Equal([1], CpuPinning.Parse("1"));
    }
}
