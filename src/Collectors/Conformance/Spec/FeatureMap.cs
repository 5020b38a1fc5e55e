using System.Text.RegularExpressions;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The WebAssembly feature a spec file tests, from its folder (proposals/NAME/, legacy/,
/// or the spec repository's test/core/NAME/ subfolders) or, for the flat core files,
/// from its name (simd_*, relaxed_*, *64.wast, return_call*, atomic*, ...). Files of
/// merged proposals that have no marker are "core".
/// </summary>
public static partial class FeatureMap
{
    private static readonly Dictionary<string, string> FolderAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["simd"] = "simd", ["relaxed-simd"] = "relaxed-simd", ["gc"] = "gc", ["memory64"] = "memory64",
        ["multi-memory"] = "multi-memory", ["exceptions"] = "exceptions", ["exception-handling"] = "exceptions",
        ["tail-call"] = "tail-call", ["function-references"] = "function-references", ["threads"] = "threads",
        ["legacy"] = "legacy-exceptions", ["custom"] = "annotations", ["annotations"] = "annotations",
        ["extended-const"] = "extended-const", ["multi-value"] = "core", ["bulk-memory-operations"] = "core",
        ["reference-types"] = "core", ["sign-extension-ops"] = "core", ["nontrapping-float-to-int-conversions"] = "core",
    };

    private static readonly HashSet<string> Gc =
    [
        "array", "array_copy", "array_fill", "array_init_data", "array_init_elem", "array_new_data", "array_new_elem",
        "binary-gc", "br_on_cast", "br_on_cast_fail", "extern", "i31", "ref_cast", "ref_eq", "ref_test", "struct",
        "type-canon", "type-equivalence", "type-rec", "type-subtyping",
    ];

    private static readonly HashSet<string> FunctionReferences =
        ["br_on_non_null", "br_on_null", "call_ref", "ref_as_non_null", "local_init", "type-sub", "table-sub"];

    private static readonly HashSet<string> Exceptions = ["throw", "throw_ref", "try_table", "tag", "rethrow", "try_catch", "try_delegate"];

    // Files that came with the multi-memory proposal: the MVP test name plus a digit, or *-multi.
    [GeneratedRegex(@"^(address|align|binary|data|data_drop|exports|float_exprs|float_memory|imports|linking|load|memory|memory_copy|memory_fill|memory_grow|memory_init|memory_size|memory_trap|start|store|traps)\d$|-multi$")]
    private static partial Regex MultiMemory();

    public static string For(string relativePath)
    {
        var parts = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = Path.GetFileNameWithoutExtension(parts[^1]);
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i] == "proposals" && i + 1 < parts.Length - 1) return Normalize(parts[i + 1]);
            if (FolderAliases.TryGetValue(parts[i], out var f)) return f;
        }
        if (name.StartsWith("simd_", StringComparison.Ordinal)) return name.Contains("memory-multi", StringComparison.Ordinal) ? "multi-memory" : "simd";
        if (name.StartsWith("relaxed_", StringComparison.Ordinal) || name.Contains("_relaxed_", StringComparison.Ordinal)) return "relaxed-simd";
        if (name.StartsWith("return_call", StringComparison.Ordinal)) return "tail-call";
        if (name.StartsWith("atomic", StringComparison.Ordinal)) return "threads";
        if (Exceptions.Contains(name)) return "exceptions";
        if (Gc.Contains(name) || name.StartsWith("array_", StringComparison.Ordinal)) return "gc";
        if (FunctionReferences.Contains(name)) return "function-references";
        if (MultiMemory().IsMatch(name)) return "multi-memory";
        if (name.EndsWith("64", StringComparison.Ordinal) || name.StartsWith("memory64", StringComparison.Ordinal) || name == "binary_leb128_64") return "memory64";
        if (name == "annotations" || name == "id") return "annotations";
        return "core";
    }

    private static string Normalize(string folder) => FolderAliases.TryGetValue(folder, out var f) ? f : folder.ToLowerInvariant();
}
