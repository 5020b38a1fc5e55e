using Observatory.Collectors.Engines.Emulation;
using Observatory.Collectors.Engines.Native;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.WasmtimeC;

/// <summary>
/// Wasmtime on the ISAs the NuGet package has a Linux library for but .NET here cannot load: aarch64,
/// under qemu-user, through the project's C host (<see cref="WasmtimeCEngine"/>). The host is built at
/// discovery (cached), so a missing cross toolchain or library is listed as not installed with what is
/// missing, a host that does not build or start as broken with clang's or the loader's message.
/// </summary>
public sealed class WasmtimeCProvider(IReadOnlyList<string>? isas = null) : IEngineProvider
{
    private readonly IReadOnlyList<string> _isas = isas ?? [InstructionSet.Arm64];

    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        foreach (var isa in _isas)
            yield return For(env, isa);
    }

    /// <summary>
    /// The engine on <paramref name="isa"/> (emulated unless it is the host's own), or an unavailable one with why;
    /// <paramref name="target"/> replaces the registry's qemu and sysroot for the ISA (tests point it at missing ones).
    /// </summary>
    public static IEngine For(EngineEnvironment env, string isa, ForeignIsa? target = null)
    {
        var emulated = isa != InstructionSet.Host;
        var placeholder = WasmtimeCEngine.DescriptorFor(isa, emulated);
        IEngine Unavailable(EngineStatus status, string reason) => new UnavailableEngine(placeholder with { Status = status, Reason = reason });

        var clang = PathLookup.Find(NativeProvider.Compiler);
        if (clang is null) return Unavailable(EngineStatus.NotInstalled, $"{NativeProvider.Compiler} not on PATH: apt-get install clang-22 lld-22");
        QemuUser? qemu = null;
        ForeignIsa? foreign = null;
        if (emulated)
        {
            foreign = target ?? ForeignIsa.Named(isa);
            if (foreign is null) return Unavailable(EngineStatus.NotInstalled, $"{isa} is not an instruction set this machine emulates");
            qemu = QemuUser.Find(foreign, out var why);
            if (qemu is null) return Unavailable(EngineStatus.NotInstalled, why);
            if (CrossCompiler.Missing(foreign) is { } missing) return Unavailable(EngineStatus.NotInstalled, missing);
        }
        var library = WasmtimeCLibrary.Find(env, isa, out var notFound);
        if (library is null) return Unavailable(EngineStatus.NotInstalled, notFound);
        var host = new WasmtimeCHost(env, clang, isa, foreign, library);
        var executable = host.Build(out var broken);
        if (executable is null) return Unavailable(EngineStatus.Broken, broken);
        return new WasmtimeCEngine(env, host, executable, isa, qemu);
    }
}
