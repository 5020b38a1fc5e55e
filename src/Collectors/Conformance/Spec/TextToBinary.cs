using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// Module text to bytes through Wasmtime's converter (Module.ConvertText, the wast crate),
/// so every engine is given the same binary.
/// </summary>
public static class TextToBinary
{
    public static byte[] Convert(string text) => global::Wasmtime.Module.ConvertText(text);

    /// <summary>The module's bytes, or the converter's message when the text is malformed.</summary>
    public static (byte[]? Bytes, string? Error) TryConvert(ModuleSource source)
    {
        if (source.Format == ModuleFormat.Binary) return (source.Binary, null);
        try
        {
            return (Convert(source.Text!), null);
        }
        catch (global::Wasmtime.WasmtimeException e)
        {
            return (null, e.Message.Split('\n')[0].Trim());
        }
    }
}
