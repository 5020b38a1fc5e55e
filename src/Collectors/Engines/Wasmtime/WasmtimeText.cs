namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>Wasmtime's multi-line error texts (message, backtrace, cause) as one line for an outcome.</summary>
public static class WasmtimeText
{
    public static string FirstLines(string s)
    {
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.Take(4));
    }
}
