using System.Text.RegularExpressions;

namespace Observatory.Collectors.Engines.Wasm2c;

/// <summary>
/// What the driver's module glue (<c>drivers/wasm2c/module-glue.c</c>) must know of a module
/// translated by <c>wasm2c -n m</c>, read off the header wasm2c generated: which import modules
/// it takes contexts for (<c>Z_m_instantiate</c> gets one per imported module, in name order),
/// whether it exports "memory", and its entry point (<c>_start</c>, else <c>run</c>).
/// The host provides two import modules, <c>wasi_snapshot_preview1</c> and <c>bench</c>.
/// </summary>
public sealed partial record Wasm2cModuleShape(bool ImportsBench, bool ImportsWasi, bool ExportsMemory, string Entry)
{
    public const string ModuleName = "m";

    /// <summary>The -D flags module-glue.c is compiled with.</summary>
    public IReadOnlyList<string> Defines =>
    [
        $"-DOBS_IMPORTS_BENCH={(ImportsBench ? 1 : 0)}",
        $"-DOBS_IMPORTS_WASI={(ImportsWasi ? 1 : 0)}",
        $"-DOBS_EXPORTS_MEMORY={(ExportsMemory ? 1 : 0)}",
        $"-DOBS_ENTRY={Entry}",
    ];

    /// <summary>
    /// The shape of the module whose generated header is <paramref name="header"/>, or null with why the host
    /// cannot run it; <paramref name="imports"/> (read from the module itself) names the imports it lacks.
    /// </summary>
    public static Wasm2cModuleShape? Read(string header, IReadOnlyList<(string Module, string Name)> imports, out string reason)
    {
        reason = "";
        var imported = ImportContext().Matches(header).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var foreign = imported.Where(m => m is not ("bench" or "wasi_snapshot_preview1")).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            var named = imports.Where(i => foreign.Contains(i.Module)).Select(i => $"{i.Module}.{i.Name}").Distinct().Take(5).ToList();
            reason = $"the module imports {string.Join(", ", named.Count > 0 ? named : foreign.Select(m => $"from \"{m}\""))}: the wasm2c host provides only wasi_snapshot_preview1 and bench";
            return null;
        }
        string? entry = null;
        if (header.Contains("void Z_mZ__start(Z_m_instance_t*);", StringComparison.Ordinal)) entry = "Z_mZ__start";
        else if (RunExport().IsMatch(header)) entry = "Z_mZ_run";
        if (entry is null)
        {
            reason = "the module exports neither _start() nor run() without parameters";
            return null;
        }
        return new Wasm2cModuleShape(
            imported.Contains("bench"),
            imported.Contains("wasi_snapshot_preview1"),
            header.Contains("wasm_rt_memory_t* Z_mZ_memory(Z_m_instance_t* instance);", StringComparison.Ordinal),
            entry);
    }

    /// <summary>wasm2c 1.0.32 forward-declares one context struct per imported module: <c>struct Z_NAME_instance_t;</c>.</summary>
    [GeneratedRegex(@"^struct Z_(\w+)_instance_t;$", RegexOptions.Multiline)]
    private static partial Regex ImportContext();

    /// <summary>run() may return a value (a kernel's checksum); it must take none.</summary>
    [GeneratedRegex(@"^\w+ Z_mZ_run\(Z_m_instance_t\*\);$", RegexOptions.Multiline)]
    private static partial Regex RunExport();
}
