using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Wasm2c;

/// <summary>
/// Ahead-of-time compilation through C: Debian wabt's wasm2c translates the module, clang-22 -O2
/// compiles it with wabt's runtime and the project's WASI preview1 host (<c>drivers/wasm2c/</c>)
/// into a native executable, which then runs like every driver (<see cref="DriverEngine"/>:
/// WorkerArguments in, @obs lines out) inside the OS sandbox.
/// Compile phase: wasm2c + clang wall time, measured once per module content hash (the build is
/// cached, <see cref="Wasm2cToolchain"/>) and reported as every iteration's compileNs
/// ("compile=cached-per-module" in the flags): compiling in every process would cost seconds to
/// minutes per process for no new information, the tools being deterministic.
/// Bounds checks are wasm2c 1.0.32's default on 64-bit Linux: WASM_RT_MEMCHECK_SIGNAL_HANDLER=1,
/// i.e. guard pages: every memory reserves 8 GiB PROT_NONE and grows by mprotect, an access
/// outside faults and the runtime's SIGSEGV handler turns it into a trap; the generated code
/// has no explicit checks. Call-stack overflow is caught the same way (host stack guard page,
/// handler on an alternate signal stack).
/// </summary>
public sealed class Wasm2cEngine(EngineEnvironment env, Wasm2cToolchain toolchain, string version, string clangVersion) : ICountableEngine
{
    public const string Family = "wasm2c";

    /// <summary>The host's function that calls the module's entry point (drivers/wasm2c/module-glue.c, its own translation unit, so never inlined).</summary>
    public const string RunSymbol = "obs_module_run";

    public InstructionCounting Counting { get; } = new(RunSymbol, WritesCode: false, Span: $"the host's call of the entry point ({RunSymbol}): the compiled module and its WASI host calls");

    public string CountingUnsupported => "";

    public CountedProcess ProcessFor(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        var build = toolchain.Build(inv.ArtifactPath, cancellationToken);
        if (build.Failure is { } failure) return new CountedProcess(null, failure, build.Message);
        return new Driver(env, build.Executable, Descriptor).ProcessFor(inv, cancellationToken);
    }

    public string ReportedBy(EngineInvocation inv, ChildProcessResult result) => result.Stdout;

    public EngineDescriptor Descriptor { get; } = DescriptorFor(version, clangVersion) with
    {
        Source = $"Debian wabt ({toolchain.Wasm2c}) + {toolchain.Clang} {Wasm2cToolchain.OptimizationLevel}, wasm-rt-impl.c from {Wasm2cToolchain.RuntimeDirectory}",
        Status = EngineStatus.Ready,
    };

    public static EngineDescriptor DescriptorFor(string version, string clangVersion) => new()
    {
        Id = $"{Family}-{version}/clang22-O2",
        Family = Family,
        Version = version,
        Tier = "aot",
        Flags =
        [
            $"compiler=clang {clangVersion} {Wasm2cToolchain.OptimizationLevel}",
            "compile=cached-per-module (wasm2c + clang wall time, measured once per module hash, reported as each iteration's compileNs)",
            "bounds-checks=guard-pages (WASM_RT_MEMCHECK_SIGNAL_HANDLER=1: 8 GiB PROT_NONE reservation per memory, SIGSEGV -> trap; no explicit checks)",
            "stack-overflow=guard page + sigaltstack (WASM_RT_USE_STACK_DEPTH_COUNT=0)",
            $"compile-timeout={Wasm2cToolchain.CompileTimeout.TotalSeconds:0}s",
            "wasi=observatory preview1 host in C",
        ],
    };

    public ProcessResult Run(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        var build = toolchain.Build(inv.ArtifactPath, cancellationToken);
        if (build.Failure is { } failure)
            return new ProcessResult
            {
                Iterations = Enumerable.Range(0, inv.Iterations)
                    .Select(i => new IterationResult { Iteration = i, Outcome = failure, Message = build.Message }).ToList(),
                ProcessFailure = failure,
                FailureMessage = build.Message,
            };
        var r = new Driver(env, build.Executable, Descriptor).Run(inv, cancellationToken);
        // The C driver reports where stdout went; hashing it here keeps SHA-256 out of the C host.
        return r with
        {
            Iterations = r.Iterations.Select(it => it with
            {
                CompileNs = it.Outcome == Outcome.Crash && it.InstantiateNs is null ? null : build.CompileNs,
                StdoutSha256 = it.StdoutPath is { } p && File.Exists(p) ? Sha256File.Of(p) : null,
            }).ToList(),
        };
    }

    /// <summary>The compiled module as a driver process: it takes the same options as every driver.</summary>
    private sealed class Driver(EngineEnvironment env, string executable, EngineDescriptor descriptor) : DriverEngine
    {
        public override EngineDescriptor Descriptor => descriptor;

        protected override ChildProcessSpec CreateSpec(EngineInvocation inv) => new()
        {
            FileName = executable,
            Arguments = WorkerArguments.Encode(inv),
            Sandbox = EngineSandbox.For(inv, env).WithReadOnly(executable),
        };
    }
}
