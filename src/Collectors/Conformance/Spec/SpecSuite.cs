using System.Security.Cryptography;
using System.Text;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>One .wast file of a suite: where it is, its path relative to the suite root, and its feature.</summary>
public sealed record SpecFile(string Path, string RelativePath, string Feature, long Bytes);

/// <summary>
/// A checkout of the spec test suite: the WebAssembly/testsuite mirror (flat core files,
/// proposals/NAME/, legacy/) or the spec repository's test/core tree with per-feature
/// subfolders. Its revision is the git commit when it is a checkout, else a content hash.
/// </summary>
public sealed class SpecSuite
{
    public string Root { get; }
    public IReadOnlyList<SpecFile> Files { get; }

    private SpecSuite(string root, IReadOnlyList<SpecFile> files)
    {
        Root = root;
        Files = files;
    }

    public static SpecSuite Open(string root)
    {
        var full = System.IO.Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"spec test suite directory {full} does not exist");
        var files = Directory.EnumerateFiles(full, "*.wast", SearchOption.AllDirectories)
            .Where(p => !p.Split(System.IO.Path.DirectorySeparatorChar).Contains(".git"))
            .Select(p =>
            {
                var rel = System.IO.Path.GetRelativePath(full, p).Replace('\\', '/');
                return new SpecFile(p, rel, FeatureMap.For(rel), new FileInfo(p).Length);
            })
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new InvalidDataException($"{full} holds no .wast files: is it a checkout of the spec test suite?");
        return new SpecSuite(full, files);
    }

    /// <summary>git rev-parse HEAD of the checkout, else "sha256:" + a hash over the files' paths and contents.</summary>
    public string Revision(IEnumerable<SpecFile>? files = null)
    {
        var git = GitHead(Root);
        if (git is not null) return git;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files ?? Files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(f.RelativePath + "\n"));
            sha.AppendData(File.ReadAllBytes(f.Path));
        }
        return "sha256:" + Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
    }

    public static string? GitHead(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        {
            if (!Directory.Exists(System.IO.Path.Combine(d.FullName, ".git")) && !File.Exists(System.IO.Path.Combine(d.FullName, ".git"))) continue;
            var r = ChildProcess.Run(new ChildProcessSpec { FileName = "git", Arguments = ["-C", dir, "rev-parse", "HEAD"], Timeout = TimeSpan.FromSeconds(10) });
            var head = r.Stdout.Trim();
            return r.ExitCode == 0 && head.Length >= 40 ? head : null;
        }
        return null;
    }
}
