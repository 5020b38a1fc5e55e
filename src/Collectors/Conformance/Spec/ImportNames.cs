using System.Text;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// Whether a module binary may import from a given module name. Used only after an
/// instantiation failed to link, to tell a module that needs a registration the engine could
/// not make (its dependent: unsupported) from one the engine failed to link (a failure).
/// </summary>
public static class ImportNames
{
    /// <summary>True when the name appears as a wasm name (LEB128 length, then UTF-8 bytes) anywhere in the binary.</summary>
    public static bool MayImportFrom(byte[] wasm, string moduleName)
    {
        var name = Encoding.UTF8.GetBytes(moduleName);
        var needle = new List<byte>();
        var n = (uint)name.Length;
        do
        {
            var b = (byte)(n & 0x7f);
            n >>= 7;
            needle.Add(n == 0 ? b : (byte)(b | 0x80));
        } while (n != 0);
        needle.AddRange(name);
        return wasm.AsSpan().IndexOf(needle.ToArray()) >= 0;
    }
}
