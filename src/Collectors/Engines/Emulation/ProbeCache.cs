using System.Security.Cryptography;
using System.Text;

namespace Observatory.Collectors.Engines.Emulation;

/// <summary>
/// Remembers what a foreign binary answered to its version probe. Starting a binary under qemu-user
/// costs seconds on a loaded machine and every command discovers every engine, so a successful answer
/// is kept in the engine cache, keyed by the binary's path, size and modification time and the qemu
/// binary used; a failure is never kept (it is probed again, and its message stays current).
/// </summary>
public static class ProbeCache
{
    public static string? Get(EngineEnvironment env, string binary, string qemu)
    {
        var file = PathFor(env, binary, qemu);
        try { return File.Exists(file) ? File.ReadAllText(file).Trim() : null; }
        catch (IOException) { return null; }
    }

    public static void Put(EngineEnvironment env, string binary, string qemu, string answer)
    {
        var file = PathFor(env, binary, qemu);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var tmp = file + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(tmp, answer);
            File.Move(tmp, file, overwrite: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string PathFor(EngineEnvironment env, string binary, string qemu)
    {
        var info = new FileInfo(binary);
        var key = $"{Path.GetFullPath(binary)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}|{qemu}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(env.EffectiveCacheDirectory, "emulated-probes", hash + ".txt");
    }
}
