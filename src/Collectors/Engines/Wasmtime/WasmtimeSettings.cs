using System.Runtime.InteropServices;
using Wt = global::Wasmtime;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// One Wasmtime configuration: compiler tier (cranelift, winch, pulley), Cranelift
/// optimisation level, instance allocator (on-demand or pooling) and whether modules are
/// loaded precompiled (serialized once, deserialized per iteration: the cached cold start).
/// Its <see cref="Key"/> is the part of the engine id after the version
/// (<c>cranelift</c>, <c>cranelift+opt-none</c>, <c>winch</c>, <c>cranelift+pooling</c>, ...)
/// and round-trips through <see cref="Parse"/>, so the worker process is told which one to build.
/// </summary>
public sealed record WasmtimeSettings(string Tier = "cranelift", string OptLevel = "speed", bool Pooling = false, bool Precompiled = false, bool Component = false)
{
    public static IReadOnlyList<string> Tiers { get; } = ["cranelift", "winch", "pulley"];
    public static IReadOnlyList<string> OptLevels { get; } = ["speed", "none", "speed-and-size"];

    /// <summary>The configurations the observatory measures by default, in display order.</summary>
    public static IReadOnlyList<WasmtimeSettings> Standard { get; } =
    [
        new("cranelift"),
        new("cranelift", OptLevel: "none"),
        new("winch"),
        new("pulley"),
        new("cranelift", Pooling: true),
        new("cranelift", Precompiled: true),
    ];

    public string Key =>
        Tier + (OptLevel == "speed" ? "" : $"+opt-{OptLevel}") + (Pooling ? "+pooling" : "") + (Precompiled ? "+precompiled" : "") + (Component ? "+component" : "");

    public IReadOnlyList<string> Flags =>
    [
        $"strategy={(Tier == "winch" ? "winch" : "cranelift")}",
        $"target={(Tier == "pulley" ? PulleyTarget : "host")}",
        $"opt-level={OptLevel}",
        $"allocation={(Pooling ? "pooling" : "on-demand")}",
        $"module={(Precompiled ? "deserialized" : "compiled")}",
        .. (Component ? (IEnumerable<string>)["component-model=wasi-p2 (jco preview1 command adapter)"] : []),
    ];

    public const string PulleyTarget = "pulley64";

    /// <summary>Parses a key like <c>cranelift+opt-none+pooling</c> (the old <c>cranelift:speed</c> form is accepted too).</summary>
    public static WasmtimeSettings Parse(string key)
    {
        if (key.Contains(':'))
        {
            var p = key.Split(':');
            if (p.Length != 2) throw new FormatException($"bad wasmtime settings '{key}' (expected TIER[+opt-LEVEL][+pooling][+precompiled])");
            key = p[1] == "speed" ? p[0] : $"{p[0]}+opt-{p[1]}";
        }
        var parts = key.Split('+');
        var tier = parts[0];
        if (!Tiers.Contains(tier))
            throw new FormatException($"unknown wasmtime tier '{tier}' in '{key}' (known: {string.Join(", ", Tiers)})");
        var s = new WasmtimeSettings(tier);
        foreach (var option in parts.Skip(1))
        {
            if (option.StartsWith("opt-", StringComparison.Ordinal) && OptLevels.Contains(option[4..])) s = s with { OptLevel = option[4..] };
            else if (option == "pooling") s = s with { Pooling = true };
            else if (option == "precompiled") s = s with { Precompiled = true };
            else if (option == "component") s = s with { Component = true };
            else throw new FormatException($"unknown wasmtime option '{option}' in '{key}' (known: opt-none, opt-speed-and-size, pooling, precompiled, component)");
        }
        return s;
    }

    /// <summary>
    /// Builds the native config. Winch and Pulley are not exposed by the .NET Config API,
    /// so they are set with the C API's <c>wasmtime_config_strategy_set</c> /
    /// <c>wasmtime_config_target_set</c> on the config's own handle before the engine takes it.
    /// </summary>
    public Wt.Config CreateConfig()
    {
        var config = new Wt.Config();
        try
        {
            config.WithOptimizationLevel(OptLevel switch
            {
                "none" => Wt.OptimizationLevel.None,
                "speed" => Wt.OptimizationLevel.Speed,
                "speed-and-size" => Wt.OptimizationLevel.SpeedAndSize,
                _ => throw new FormatException($"unknown optimisation level '{OptLevel}'"),
            });
            switch (Tier)
            {
                case "cranelift":
                    config.WithCompilerStrategy(Wt.CompilerStrategy.Cranelift);
                    break;
                case "winch":
                    WasmtimeNative.SetStrategy(config, WasmtimeNative.StrategyWinch);
                    break;
                case "pulley":
                    WasmtimeNative.SetTarget(config, PulleyTarget);
                    break;
                default:
                    throw new FormatException($"unknown wasmtime tier '{Tier}'");
            }
            if (Component) config.WithComponentModel(true);
            if (Pooling)
            {
                // Modest pool sizes: one process runs one module at a time; the default
                // per-memory reservation (4 GiB + guard) stays, so any 32-bit module fits.
                using var pool = new Wt.PoolingAllocationConfig()
                    .WithMaxMemories(16).WithMaxCoreInstances(16).WithMaxTables(16);
                config.WithPoolingAllocationStrategy(pool);
            }
            return config;
        }
        catch
        {
            config.Dispose();
            throw;
        }
    }
}

/// <summary>The two Wasmtime C API calls the .NET binding does not expose, made on the config's handle.</summary>
internal static class WasmtimeNative
{
    private const string Library = "wasmtime"; // the same libwasmtime.so the Wasmtime package loads

    /// <summary>WASMTIME_STRATEGY_WINCH in wasmtime/config.h (AUTO = 0, CRANELIFT = 1, WINCH = 2).</summary>
    public const byte StrategyWinch = 2;

    [DllImport(Library)] private static extern void wasmtime_config_strategy_set(IntPtr config, byte strategy);
    [DllImport(Library)] private static extern IntPtr wasmtime_config_target_set(IntPtr config, [MarshalAs(UnmanagedType.LPUTF8Str)] string target);
    [DllImport(Library)] private static extern void wasmtime_error_message(IntPtr error, out ByteVec message);
    [DllImport(Library)] private static extern void wasmtime_error_delete(IntPtr error);
    [DllImport(Library)] private static extern void wasm_byte_vec_delete(ref ByteVec vec);

    [StructLayout(LayoutKind.Sequential)]
    private struct ByteVec { public nuint Size; public IntPtr Data; }

    public static void SetStrategy(Wt.Config config, byte strategy) => wasmtime_config_strategy_set(Handle(config), strategy);

    public static void SetTarget(Wt.Config config, string target)
    {
        var err = wasmtime_config_target_set(Handle(config), target);
        if (err != IntPtr.Zero) throw new InvalidOperationException($"wasmtime_config_target_set(\"{target}\") failed: {TakeMessage(err)}");
    }

    private static string TakeMessage(IntPtr err)
    {
        wasmtime_error_message(err, out var vec);
        var text = Marshal.PtrToStringUTF8(vec.Data, (int)vec.Size);
        wasm_byte_vec_delete(ref vec);
        wasmtime_error_delete(err);
        return text;
    }

    // Wasmtime.Config keeps its native wasm_config_t* in an internal SafeHandle (NativeHandle);
    // reflection is the only way to reach it. Fail loudly if a future binding renames it.
    private static readonly System.Reflection.PropertyInfo? HandleProperty =
        typeof(Wt.Config).GetProperty("NativeHandle", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    private static IntPtr Handle(Wt.Config config)
    {
        if (HandleProperty?.GetValue(config) is not SafeHandle h || h.IsInvalid)
            throw new NotSupportedException("this Wasmtime .NET binding has no Config.NativeHandle: cannot set the compiler strategy or target");
        return h.DangerousGetHandle();
    }
}
