namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// What a runtime CLI would only say in its own words on stderr (each differently, with a non-zero exit that
/// looks like the program's own), checked from the module's bytes before the CLI starts: a truncated
/// module, an import beyond WASI (and the folded bench.*), no `_start`/`run`. Each is `unsupported` with a
/// message naming the cause, as on Wasmtime, the wasm.h engine and the JS engines (see Outcome.Unsupported).
/// </summary>
public static class CommandModuleCheck
{
    /// <summary>The host modules a runtime CLI provides to the observatory's modules (bench is folded out first).</summary>
    private static readonly HashSet<string> Provided = ["wasi_snapshot_preview1", "wasi_unstable", "bench"];

    /// <summary>Null when the module can be given to a CLI; otherwise why not.</summary>
    public static string? Problem(ReadOnlySpan<byte> wasm)
    {
        if (wasm.Length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm')
            return "malformed module: it does not start with the wasm magic";
        // Components (layer 1) are no core modules: their shape is the CLI's to judge.
        if (wasm[6] != 0 || wasm[7] != 0) return null;
        var exports = new List<string>();
        var pos = 8;
        try
        {
            while (pos < wasm.Length)
            {
                var id = wasm[pos++];
                var size = (int)Leb(wasm, ref pos);
                var end = pos + size;
                if (size < 0 || end > wasm.Length)
                    return $"malformed module: section {id} at byte {pos} extends past the end of the module ({wasm.Length} bytes; truncated?)";
                if (id == 7)
                {
                    var at = pos;
                    var count = (int)Leb(wasm, ref at);
                    for (var i = 0; i < count; i++)
                    {
                        var n = (int)Leb(wasm, ref at);
                        var name = System.Text.Encoding.UTF8.GetString(wasm.Slice(at, n));
                        at += n;
                        var kind = wasm[at++];
                        Leb(wasm, ref at);
                        if (kind == 0) exports.Add(name);
                    }
                }
                pos = end;
            }
        }
        catch (IndexOutOfRangeException)
        {
            return $"malformed module: it ends inside a section header ({wasm.Length} bytes; truncated?)";
        }
        catch (ArgumentOutOfRangeException)
        {
            return $"malformed module: a name runs past the end of its section ({wasm.Length} bytes)";
        }
        if (WasmImports.Read(wasm).FirstOrDefault(i => !Provided.Contains(i.Module)) is { Module: not null } missing)
            return $"missing import {missing.Module}.{missing.Name}: a runtime CLI provides WASI only";
        if (!exports.Contains("_start") && !exports.Contains("run"))
            return "module exports neither _start nor run";
        return null;
    }

    private static ulong Leb(ReadOnlySpan<byte> b, ref int pos) => WasmImports.Leb(b, ref pos);
}
