using System.Text.Json.Nodes;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// How a wasm.h library differs from upstream wasm.h, as its probe measured it: its vector layout
/// (with the evidence) and how many bytes its <c>wasm_instance_new</c> adds to linear memory beyond
/// what the module declares (WAMR adds an app heap). Part of the engine's configuration: shown in its
/// flags and in <c>runtimes --json</c>, so a memory figure or a result is never read without it.
/// </summary>
public sealed record WasmCLibraryTraits(WasmVecLayoutFinding VecLayout, long MemoryExtraBytes)
{
    public IReadOnlyList<string> Flags =>
    [
        VecLayout.Flag,
        .. MemoryExtraBytes != 0 ? new[] { $"linear-memory-added-by-library={MemoryExtraBytes}" } : [],
    ];

    /// <summary>One sentence for the engine's configuration text.</summary>
    public string Description =>
        $"vector layout: {VecLayout.Layout.ToString().ToLowerInvariant()} ({VecLayout.Evidence}); " +
        (MemoryExtraBytes == 0
            ? "linear memory as the module declares it"
            : $"wasm_instance_new adds {MemoryExtraBytes} bytes to linear memory beyond the module's declared pages (an app heap), so linear-memory figures include them");

    public JsonObject ToJson() => new()
    {
        ["layout"] = VecLayout.Layout.ToString().ToLowerInvariant(),
        ["layoutEvidence"] = VecLayout.Evidence,
        ["memoryExtraBytes"] = MemoryExtraBytes,
    };

    public static WasmCLibraryTraits? FromJson(JsonObject o) =>
        (string?)o["layout"] is { } layout && Enum.TryParse<WasmVecLayout>(layout, ignoreCase: true, out var l)
            ? new WasmCLibraryTraits(new WasmVecLayoutFinding(l, (string?)o["layoutEvidence"] ?? ""), (long?)o["memoryExtraBytes"] ?? 0)
            : null;
}
