namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// One Wasmtime configuration: the compiler tier and its options. It round-trips
/// through a short string so the worker process can be told which one to build.
/// </summary>
public sealed record WasmtimeSettings(string Tier = "cranelift", string OptLevel = "speed")
{
    public string Key => $"{Tier}:{OptLevel}";

    public static WasmtimeSettings Parse(string key)
    {
        var parts = key.Split(':');
        return parts.Length == 2 ? new WasmtimeSettings(parts[0], parts[1])
            : throw new FormatException($"bad wasmtime settings '{key}' (expected TIER:OPT, e.g. cranelift:speed)");
    }

    public global::Wasmtime.Config CreateConfig()
    {
        var config = new global::Wasmtime.Config();
        config.WithOptimizationLevel(OptLevel switch
        {
            "none" => global::Wasmtime.OptimizationLevel.None,
            "speed" => global::Wasmtime.OptimizationLevel.Speed,
            "speed-and-size" => global::Wasmtime.OptimizationLevel.SpeedAndSize,
            _ => throw new FormatException($"unknown optimisation level '{OptLevel}'"),
        });
        if (Tier != "cranelift")
            throw new NotSupportedException($"wasmtime tier '{Tier}' is not supported by this build");
        config.WithCompilerStrategy(global::Wasmtime.CompilerStrategy.Cranelift);
        return config;
    }
}
