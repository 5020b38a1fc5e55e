using System.Collections.Concurrent;
using System.Text;

namespace Observatory.Collectors.Engines;

/// <summary>
/// Whether a native binary's symbol table names a function: a search for the name, NUL-terminated,
/// in the file (ELF string tables hold names that way; a stripped binary keeps only its dynamic
/// symbols). Cached per path and size, since runtime binaries are large and do not change.
/// </summary>
public static class NativeSymbols
{
    private static readonly ConcurrentDictionary<(string Path, long Length, string Symbol), bool> Cache = new();

    public static bool Has(string binary, string symbol)
    {
        FileInfo info;
        try { info = new FileInfo(binary); if (!info.Exists) return false; }
        catch (IOException) { return false; }
        return Cache.GetOrAdd((info.FullName, info.Length, symbol), k => Search(k.Path, k.Symbol));
    }

    private static bool Search(string path, string symbol)
    {
        var needle = Encoding.ASCII.GetBytes("\0" + symbol + "\0");
        try
        {
            using var f = File.OpenRead(path);
            var buffer = new byte[1 << 20];
            var carry = 0;
            int read;
            while ((read = f.Read(buffer, carry, buffer.Length - carry)) > 0)
            {
                var filled = carry + read;
                if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0) return true;
                carry = Math.Min(needle.Length - 1, filled);
                Buffer.BlockCopy(buffer, filled - carry, buffer, 0, carry);
            }
            return false;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
