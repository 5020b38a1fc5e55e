using Observatory.Collectors.Engines.Emulation;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.WasmtimeC;

/// <summary>
/// Wasmtime (Cranelift, the engine's defaults) through the project's own C host over the C API of the
/// libwasmtime.so the NuGet package ships for an ISA (<see cref="WasmtimeCHost"/>): a driver process like
/// every other (WorkerArguments in, @obs lines out) inside the OS sandbox, which sees the host, the
/// library's directory, the module and its scratch; under qemu-user when the ISA is foreign (id
/// <c>wasmtime-VERSION-ISA/cranelift</c>, e.g. aarch64 (emulated)), natively on the host's own ISA
/// (id <c>wasmtime-capi-VERSION/cranelift</c>, the check that the host and its header are right).
/// WASI preview1 is Wasmtime's own (wasi_config_*), not the project's.
/// </summary>
public sealed class WasmtimeCEngine : IEngine
{
    private readonly Driver _driver;
    private readonly WasmtimeCHost _host;
    private readonly string _executable;
    private readonly QemuUser? _qemu;

    public WasmtimeCEngine(EngineEnvironment env, WasmtimeCHost host, string executable, string isa, QemuUser? qemu)
    {
        (_host, _executable, _qemu) = (host, executable, qemu);
        Descriptor = DescriptorFor(isa, qemu is not null) with
        {
            Flags = [$"api=wasmtime C API ({host.Library})", "wasi=wasmtime preview1 (wasi_config_*)", "compile=per iteration (wasmtime_module_new)",
                     $"host=clang-22 {WasmtimeCHost.OptimizationLevel}", .. qemu?.Describe() ?? []],
            Source = $"NuGet Wasmtime {WasmtimeEngine.PackageVersion} {host.Library}, host {executable}" + (qemu is null ? "" : $", run by {qemu.QemuBinary}"),
        };
        _driver = new Driver(env, host, executable, qemu, Descriptor);
    }

    public EngineDescriptor Descriptor { get; }

    /// <summary>The descriptor of the engine on <paramref name="isa"/> (also the not-installed placeholder's).</summary>
    public static EngineDescriptor DescriptorFor(string isa, bool emulated) => new()
    {
        Id = emulated ? $"{WasmtimeEngine.Family}-{WasmtimeEngine.PackageVersion}-{isa}/cranelift" : $"{WasmtimeEngine.Family}-capi-{WasmtimeEngine.PackageVersion}/cranelift",
        Family = WasmtimeEngine.Family,
        Version = WasmtimeEngine.PackageVersion,
        Tier = "cranelift",
        Isa = isa,
        Emulated = emulated,
    };

    /// <summary>Timeouts of this engine are scaled by this much (qemu-user emulation), else 1.</summary>
    public double TimeoutScale => _qemu is null ? 1 : QemuUser.TimeoutScale;

    /// <summary>
    /// The host in its spec-suite mode (<c>host --spec</c>, drivers/wasmtime-c/spec.c), in the OS sandbox, which
    /// shows it only the host and the library (module bytes come over stdin), under qemu-user when foreign.
    /// </summary>
    public ChildProcessSpec SpecHostProcess()
    {
        var spec = new ChildProcessSpec
        {
            FileName = _executable,
            Arguments = ["--spec"],
            Sandbox = new SandboxMounts().WithReadOnly(_executable, _host.LibraryDirectory),
        };
        return _qemu is null ? spec : _qemu.Wrap(spec);
    }

    public ProcessResult Run(EngineInvocation invocation, CancellationToken cancellationToken = default)
    {
        var r = _driver.Run(invocation, cancellationToken);
        // The C host reports where stdout went; hashing it here keeps SHA-256 out of the host.
        return r with
        {
            Iterations = r.Iterations.Select(it => it.StdoutPath is { } p && File.Exists(p) ? it with { StdoutSha256 = Sha256File.Of(p) } : it).ToList(),
        };
    }

    private sealed class Driver(EngineEnvironment env, WasmtimeCHost host, string executable, QemuUser? qemu, EngineDescriptor descriptor) : DriverEngine
    {
        public override EngineDescriptor Descriptor => descriptor;

        protected override double TimeoutScale => qemu is null ? 1 : QemuUser.TimeoutScale;

        protected override string? TimeoutNote => qemu is null ? null : QemuUser.TimeoutNote;

        public override string CountingUnsupported => qemu is not null
            ? "valgrind does not run a foreign instruction set under emulation"
            : base.CountingUnsupported;

        protected override ChildProcessSpec CreateSpec(EngineInvocation inv)
        {
            var spec = new ChildProcessSpec
            {
                FileName = executable,
                Arguments = WorkerArguments.Encode(inv),
                Sandbox = EngineSandbox.For(inv, env).WithReadOnly(executable, host.LibraryDirectory),
            };
            return qemu is null ? spec : qemu.Wrap(spec);
        }
    }
}
