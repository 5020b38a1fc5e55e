using Observatory.Collectors.Processes;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus;

/// <summary>
/// Bring your own module: `observatory run --wasm FILE|DIR` turns any core .wasm into a one-off
/// workload. It is copied into the artifact store under its content hash, and the hash is part of
/// the workload's identity (two modules under one name are never compared); a module that imports
/// bench.start/bench.end (the Sightglass convention) gets that region timed.
/// </summary>
public static class AdHocModule
{
    /// <summary>The category of every foreign module: what `compare` checks hashes for.</summary>
    public const string Category = WorkloadManifest.ForeignCategory;

    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6d];

    public static BuildArtifact Create(ForeignModule m, string artifactsDirectory)
    {
        var path = Path.GetFullPath(m.WasmFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"--wasm {m.Origin}: no such file", path);
        var head = new byte[8];
        using (var f = File.OpenRead(path)) _ = f.Read(head, 0, 8);
        if (!head.AsSpan(0, 4).SequenceEqual(Magic))
            throw new InvalidDataException($"--wasm {m.Origin} is not a WebAssembly module (it starts with {Convert.ToHexString(head)}, not 0061736D)");
        if (head[4] != 1 || head[5] != 0 || head[6] != 0 || head[7] != 0)
            throw new InvalidDataException($"--wasm {m.Origin} is a WebAssembly component or an unknown version (header {Convert.ToHexString(head)}); give a core module");
        if (m.StdinFile is not null && !File.Exists(m.StdinFile)) throw new FileNotFoundException($"--stdin {m.StdinFile}: no such file", m.StdinFile);
        if (m.GuestRoot is not null && !Directory.Exists(m.GuestRoot)) throw new DirectoryNotFoundException($"--dir {m.GuestRoot}: no such directory");

        var hash = Sha256File.Of(path);
        var dir = Path.Combine(artifactsDirectory, m.Name, $"module-{hash[..16]}");
        Directory.CreateDirectory(dir);
        var stored = Path.Combine(dir, $"{m.Name}.wasm");
        if (!File.Exists(stored)) File.Copy(path, stored);

        var manifest = new WorkloadManifest
        {
            Name = m.Name,
            Category = Category,
            Language = "wasm",
            Directory = Path.GetDirectoryName(path)!,
            ManifestPath = path,
            Description = $"foreign module {path} (sha256 {hash})",
            Sources = [Path.GetFileName(path)],
            ProfileArgs = new Dictionary<string, IReadOnlyList<string>> { ["quick"] = m.Args, ["standard"] = m.Args },
            StdinFile = m.StdinFile is null ? null : Path.GetFullPath(m.StdinFile),
            Expected = m.Expected,
            HasNative = false,
            Program = Path.GetFileName(path),
        };
        return new BuildArtifact
        {
            Workload = manifest,
            Variant = new WorkloadVariant { Name = "module" },
            WasmPath = stored,
            WasmSha256 = hash,
            GuestRoot = m.GuestRoot is null ? null : Path.GetFullPath(m.GuestRoot),
            InputFiles = m.InputFiles.Select(Path.GetFullPath).ToList(),
            InputHash = hash,
        };
    }

    /// <summary>A workload name from a file or directory name: lower case, anything outside [a-z0-9._-] becomes '-'.</summary>
    public static string NameFrom(string stem) =>
        "adhoc-" + string.Concat(stem.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')).Trim('.');
}
