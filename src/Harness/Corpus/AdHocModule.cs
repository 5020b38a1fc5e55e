using System.Security.Cryptography;
using Observatory.Collectors.Processes;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus;

/// <summary>
/// Bring your own module: `observatory run --wasm FILE` turns any .wasm into a one-off
/// workload. It is copied into the artifact store under its content hash; a module that
/// imports bench.start/bench.end (the Sightglass convention) gets that region timed.
/// </summary>
public static class AdHocModule
{
    private static readonly byte[] Magic = [0x00, 0x61, 0x73, 0x6d];

    public static BuildArtifact Create(string wasmFile, IReadOnlyList<string> args, string? stdinFile, string? guestRoot,
                                       string? expectStdoutFile, string artifactsDirectory)
    {
        var path = Path.GetFullPath(wasmFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"--wasm {wasmFile}: no such file", path);
        var head = new byte[8];
        using (var f = File.OpenRead(path)) _ = f.Read(head, 0, 8);
        if (!head.AsSpan(0, 4).SequenceEqual(Magic))
            throw new InvalidDataException($"--wasm {wasmFile} is not a WebAssembly module (it starts with {Convert.ToHexString(head)}, not 0061736D)");
        if (head[4] != 1 || head[5] != 0 || head[6] != 0 || head[7] != 0)
            throw new InvalidDataException($"--wasm {wasmFile} is a WebAssembly component or an unknown version (header {Convert.ToHexString(head)}); give a core module");
        if (stdinFile is not null && !File.Exists(stdinFile)) throw new FileNotFoundException($"--stdin {stdinFile}: no such file", stdinFile);
        if (guestRoot is not null && !Directory.Exists(guestRoot)) throw new DirectoryNotFoundException($"--dir {guestRoot}: no such directory");

        ExpectedOutput expected = ExpectedOutput.SameAsNative;
        if (expectStdoutFile is not null)
        {
            if (!File.Exists(expectStdoutFile)) throw new FileNotFoundException($"--expect-stdout {expectStdoutFile}: no such file", expectStdoutFile);
            expected = new ExpectedOutput(Sha256File.Of(expectStdoutFile));
        }
        var hash = Sha256File.Of(path);
        var stem = string.Concat(Path.GetFileNameWithoutExtension(path).ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        var name = $"adhoc-{stem}";
        var dir = Path.Combine(artifactsDirectory, name, $"module-{hash[..16]}");
        Directory.CreateDirectory(dir);
        var stored = Path.Combine(dir, $"{name}.wasm");
        if (!File.Exists(stored)) File.Copy(path, stored);

        var manifest = new WorkloadManifest
        {
            Name = name,
            Category = "adhoc",
            Language = "wasm",
            Directory = Path.GetDirectoryName(path)!,
            ManifestPath = path,
            Description = $"ad-hoc module {path}",
            Sources = [Path.GetFileName(path)],
            ProfileArgs = new Dictionary<string, IReadOnlyList<string>> { ["quick"] = args, ["standard"] = args },
            StdinFile = stdinFile is null ? null : Path.GetFullPath(stdinFile),
            Expected = expected,
            HasNative = false,
            Program = Path.GetFileName(path),
        };
        return new BuildArtifact
        {
            Workload = manifest,
            Variant = new WorkloadVariant { Name = "module" },
            WasmPath = stored,
            WasmSha256 = hash,
            GuestRoot = guestRoot is null ? null : Path.GetFullPath(guestRoot),
            InputHash = hash,
        };
    }
}
