using System.Security.Cryptography;

namespace Observatory.Collectors.Processes;

public static class Sha256File
{
    public static string Of(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
