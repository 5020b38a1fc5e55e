using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.JavaScript;

/// <summary>
/// WebAssembly in a JavaScript runtime (V8 through Node or Deno, JavaScriptCore through Bun),
/// all through one driver, <c>drivers/js-wasi-driver.mjs</c>: node:wasi on Node and Deno,
/// the JS shim <c>drivers/wasi-shim.mjs</c> on Bun. Id <c>FAMILY-VERSION/TIER</c>.
/// </summary>
public sealed partial class JsEngine(EngineEnvironment env, JsRuntime runtime, JsTier tier, string version, string engineVersion) : DriverEngine
{
    public override EngineDescriptor Descriptor { get; } = new()
    {
        // A foreign build names its ISA in the id, so node-26.12.1-aarch64/default never collides with (or is globbed as) x86's.
        Id = runtime.Emulator is null ? $"{runtime.Family}-{version}/{tier.Name}" : $"{runtime.Family}-{version}-{runtime.Isa}/{tier.Name}",
        Family = runtime.Family,
        Version = version,
        Tier = tier.Name,
        Flags = [.. (engineVersion.Length == 0 ? Array.Empty<string>() : [runtime.Family == "bun" ? $"jsc={engineVersion}" : $"v8={engineVersion}"]),
                 $"wasi={(runtime.Family == "bun" ? "js shim" : "node:wasi")}", .. tier.Describe(),
                 .. (runtime.Family == "bun" ? Array.Empty<string>() : JsRuntime.HarnessV8Flags),
                 .. (tier.IsInterpreter ? [$"timeout-scale={JsTier.InterpreterTimeoutScale}"] : Array.Empty<string>()),
                 .. (runtime.Emulator?.Describe() ?? [])],
        Source = runtime.Source,
        Status = EngineStatus.Ready,
        Isa = runtime.Isa,
        Emulated = runtime.Emulator is not null,
    };

    protected override double TimeoutScale => (tier.IsInterpreter ? JsTier.InterpreterTimeoutScale : 1) * (runtime.Emulator is null ? 1 : Emulation.QemuUser.TimeoutScale);

    /// <summary>
    /// V8 enters every exported wasm function called from JS or the embedder through the builtin
    /// JS-to-wasm wrapper, so callgrind counts the module's run (its WASI and bench host calls
    /// included) while that builtin is on the stack; compile and tier-up threads stay out. Needs a
    /// binary with its symbol table (the npm Node builds have it; Debian's node and Deno are stripped).
    /// Measured on nbody under Node 26: two runs 128,860,359 and 128,861,086 instructions.
    /// </summary>
    public override InstructionCounting? Counting =>
        runtime.Emulator is null && runtime.Family != "bun" && NativeSymbols.Has(runtime.Binary, V8WasmEntrySymbol)
            ? new InstructionCounting(V8WasmEntrySymbol, WritesCode: true, Span: $"V8's JS-to-wasm entry ({V8WasmEntrySymbol}): the module's run with its host calls" + (tier.V8Flags.Count == 0 ? ", TurboFan code only (--no-liftoff): tier-up timing would make the count vary" : ""))
            : null;

    public override string CountingUnsupported => runtime.Emulator is not null ? "valgrind does not run a foreign instruction set under emulation"
        : runtime.Family == "bun"
        ? "JavaScriptCore (Bun) has no single native entry into wasm code that callgrind could switch on"
        : $"{runtime.Binary} has no symbol table ({V8WasmEntrySymbol} not found): a stripped build cannot be counted";

    /// <summary>V8's builtin that every JS-to-wasm call passes (the generic wrapper).</summary>
    public const string V8WasmEntrySymbol = "Builtins_JSToWasmWrapperAsm";

    protected override string? TimeoutNote => runtime.Emulator is null ? null : Emulation.QemuUser.TimeoutNote;

    protected override ChildProcessSpec CreateSpec(EngineInvocation inv) => Spec(inv, tier);

    /// <summary>
    /// The default tier's count is not repeatable: V8 tiers a function up from Liftoff to TurboFan
    /// when a background compile finishes, so how long the main thread runs Liftoff code depends on
    /// scheduling (sha256 under Node 26 counted 1.315x on a rerun). The counted process of the default
    /// tier therefore runs TurboFan code only (--no-liftoff), like the no-liftoff tier; the other
    /// tiers do not tier up and are counted as they are. V8 compiles a function lazily on its first
    /// call, so the count includes that one compile (a fixed cost: on a tiny module it outweighs the run).
    /// </summary>
    public override CountedProcess ProcessFor(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(inv.ScratchDirectory);
        var counted = tier.V8Flags.Count == 0 && runtime.Family != "bun" ? JsTier.V8.Single(t => t.Name == "no-liftoff") : tier;
        return new CountedProcess(Spec(inv with { Timeout = inv.Timeout * TimeoutScale }, counted));
    }

    /// <summary>The process of a batch (JsEngine.Batch.cs): this tier, the driver's --batch LIST, every invocation's files visible.</summary>
    private ChildProcessSpec BatchSpec(string list, IReadOnlyList<EngineInvocation> invs)
    {
        var mounts = invs.Select(i => EngineSandbox.For(i, env)).ToList();
        return runtime.Launch(new()
        {
            FileName = runtime.Binary,
            Arguments = runtime.DriverCommand(Path.Combine(env.DriverDirectory, "js-wasi-driver.mjs"), tier, ["--batch", list]),
            Environment = new Dictionary<string, string>(tier.Environment) { ["DENO_NO_UPDATE_CHECK"] = "1", ["NO_COLOR"] = "1" },
            Sandbox = new SandboxMounts
            {
                ReadOnly = [.. mounts.SelectMany(m => m.ReadOnly).Distinct()],
                Writable = [.. mounts.SelectMany(m => m.Writable).Distinct()],
                Contain = mounts.All(m => m.Contain),
            }.WithReadOnly(EngineSandbox.NpmPackageOf(runtime.Binary, env)),
        });
    }

    private ChildProcessSpec Spec(EngineInvocation inv, JsTier t) => runtime.Launch(new()
    {
        FileName = runtime.Binary,
        Arguments = runtime.DriverCommand(Path.Combine(env.DriverDirectory, "js-wasi-driver.mjs"), t, WorkerArguments.Encode(inv)),
        Environment = new Dictionary<string, string>(t.Environment) { ["DENO_NO_UPDATE_CHECK"] = "1", ["NO_COLOR"] = "1" },
        Sandbox = EngineSandbox.For(inv, env).WithReadOnly(EngineSandbox.NpmPackageOf(runtime.Binary, env)),
    });
}
