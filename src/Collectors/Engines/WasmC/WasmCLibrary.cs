using System.Text.RegularExpressions;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// A wasm.h shared library to measure, and how it is named: <c>wasmc-NAME-VERSION</c>, NAME
/// from the file (libwasmer.so → wasmer) unless configured, VERSION from (in order) the
/// configuration, the library's own version function, a version in its path
/// (…/wasmtime/50.0.1/…, libwasmer.so.4.3.0), else the first 10 hex digits of its sha256.
/// </summary>
public sealed record WasmCLibrary(string Path, string Name, string? ConfiguredVersion, string Origin)
{
    public string FullPath => System.IO.Path.GetFullPath(Path);

    public static WasmCLibrary FromPath(string path, string origin, string? name = null, string? version = null) =>
        new(path, name ?? NameOf(path), version, origin);

    /// <summary>libwasmer.so → wasmer, libiwasm.so.2 → iwasm.</summary>
    public static string NameOf(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        var dot = file.IndexOf(".so", StringComparison.Ordinal);
        if (dot > 0) file = file[..dot];
        if (file.StartsWith("lib", StringComparison.Ordinal) && file.Length > 3) file = file[3..];
        return Regex.Replace(file.ToLowerInvariant(), "[^a-z0-9._-]", "_");
    }

    /// <summary>The version the id carries; <paramref name="reported"/> is what the library's own version function said.</summary>
    public string VersionFor(string? reported)
    {
        if (!string.IsNullOrWhiteSpace(ConfiguredVersion)) return ConfiguredVersion!;
        if (!string.IsNullOrWhiteSpace(reported)) return reported!.Trim();
        var m = Regex.Match(FullPath, @"(?<![0-9.])(\d+\.\d+\.\d+)(?![0-9])");
        if (m.Success) return m.Groups[1].Value;
        return File.Exists(FullPath) ? "sha-" + Sha256File.Of(FullPath)[..10] : "unknown";
    }
}
