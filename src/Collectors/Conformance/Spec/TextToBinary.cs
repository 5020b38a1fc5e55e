using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>A module's bytes, or the converter's message; <see cref="LegacyExceptions"/> when wabt converted legacy exception-handling text.</summary>
public sealed record ConvertedModule(byte[]? Bytes, string? Error, bool LegacyExceptions = false);

/// <summary>
/// Module text to bytes through Wasmtime's converter (Module.ConvertText, the wast crate),
/// so every engine is given the same binary. The one exception is legacy exception-handling
/// text, which that converter cannot parse (<see cref="LegacyExceptionText"/>).
/// </summary>
public static class TextToBinary
{
    public static byte[] Convert(string text) => global::Wasmtime.Module.ConvertText(text);

    /// <summary>The module's bytes, or the converter's message when the text is malformed.</summary>
    public static ConvertedModule TryConvert(ModuleSource source)
    {
        if (source.Format == ModuleFormat.Binary) return new(source.Binary, null);
        try
        {
            return new(Convert(source.Text!), null);
        }
        catch (global::Wasmtime.WasmtimeException e)
        {
            var error = e.Message.Split('\n')[0].Trim();
            if (!LegacyExceptionText.Uses(source.Text!)) return new(null, error);
            var (bytes, legacyError) = LegacyExceptionText.Convert(source.Text!);
            return new(bytes, legacyError is null ? null : $"{error} (Wasmtime's parser); {legacyError}", LegacyExceptions: bytes is not null);
        }
    }
}
