namespace Observatory.Collectors.Engines.JavaScript;

/// <summary>
/// A JS engine tier: V8's (default, Liftoff only, TurboFan only) or JavaScriptCore's
/// (default, BBQ without OMG, the IPInt interpreter only), as flags or environment.
/// </summary>
public sealed record JsTier(string Name, IReadOnlyList<string> V8Flags, IReadOnlyDictionary<string, string> Environment)
{
    public static IReadOnlyList<JsTier> V8 { get; } =
    [
        new("default", [], new Dictionary<string, string>()),
        new("liftoff-only", ["--liftoff-only"], new Dictionary<string, string>()),
        new("no-liftoff", ["--no-liftoff"], new Dictionary<string, string>()),
    ];

    public static IReadOnlyList<JsTier> JavaScriptCore { get; } =
    [
        new("default", [], new Dictionary<string, string>()),
        new("bbq", [], new Dictionary<string, string> { ["BUN_JSC_useOMGJIT"] = "0" }),
        new("ipint", [], new Dictionary<string, string> { ["BUN_JSC_useBBQJIT"] = "0", ["BUN_JSC_useOMGJIT"] = "0" }),
    ];

    /// <summary>JSC's IPInt runs wasm in an interpreter: see <see cref="DriverEngine"/>'s TimeoutScale.</summary>
    public bool IsInterpreter => Name == "ipint";
    public const double InterpreterTimeoutScale = 4;

    /// <summary>The tier's flags as the runtime takes them (Deno wants V8 flags wrapped in --v8-flags=).</summary>
    public IReadOnlyList<string> ArgsFor(string family) =>
        family == "deno" && V8Flags.Count > 0 ? [$"--v8-flags={string.Join(',', V8Flags)}"] : V8Flags;

    /// <summary>What the descriptor's flags say about this tier.</summary>
    public IEnumerable<string> Describe() => V8Flags.Concat(Environment.Select(kv => $"{kv.Key}={kv.Value}"));
}
