using System.Buffers.Binary;
using System.Text;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// Path resolution with symbolic links, and path_symlink / path_readlink. A guest path is
/// walked one component at a time from its directory descriptor: a component that is a
/// symlink (the last one only when the lookup follows links) is replaced by its target,
/// which must be relative, and no step — '..' or a link — may leave the preopen. So a link
/// the guest makes to "../../etc" exists, but nothing is reached through it.
/// </summary>
public sealed partial class WasiPreview1
{
    /// <summary>More links than this in one lookup is a loop (ELOOP), as on Linux.</summary>
    private const int MaxLinksPerLookup = 40;

    /// <summary>Resolves a guest path against a directory descriptor, refusing anything that leaves the preopen.</summary>
    private int Resolve(int dirFd, string path, bool followLast, out string host)
    {
        host = "";
        if (!fds.TryGetValue(dirFd, out var d)) return EBadf;
        if (d.HostPath is null || d.Stream is not null) return ENotDir;
        if (path.Length == 0) return ENoent;
        // Wasmtime 50 answers every way out of the preopen (absolute path, '..', a link) with EPERM.
        if (path.StartsWith('/') || path.Contains('\0')) return EPerm;
        // A trailing slash names a directory: the last link is followed and a file there is ENOTDIR.
        var dirOnly = path.EndsWith('/');
        followLast |= dirOnly;
        var root = RootOf(d).TrimEnd('/');
        var current = Path.GetFullPath(d.HostPath).TrimEnd('/');
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                if (current == root) return EPerm;
                current = Path.GetDirectoryName(current)!;
                continue;
            }
            if (Encoding.UTF8.GetByteCount(part) > 255) return ENameTooLong;
            var next = current + "/" + part;
            if ((pending.Count > 0 || followLast) && LinkTarget(next) is { } target)
            {
                if (++links > MaxLinksPerLookup) return ELoop;
                if (target.StartsWith('/')) return EPerm;
                foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(p);
                continue;
            }
            if (pending.Count > 0 && File.Exists(next) && !IsLink(next)) return ENotDir;
            current = next;
        }
        if (current != root && !current.StartsWith(root + "/", StringComparison.Ordinal)) return EPerm;
        if (dirOnly && File.Exists(current) && !IsLink(current)) return ENotDir;
        host = current;
        return Success;
    }

    private static string? LinkTarget(string host) => new FileInfo(host).LinkTarget;

    private static bool IsLink(string host) => LinkTarget(host) is not null;

    private int PathSymlink(string target, int dirFd, string path)
    {
        var r = Resolve(dirFd, path, false, out var host);
        if (r != Success) return r;
        // An absolute target could only ever point out of the sandbox.
        if (target.StartsWith('/') || target.Contains('\0')) return EPerm;
        if (IsLink(host) || File.Exists(host) || Directory.Exists(host)) return EExist;
        if (!Directory.Exists(Path.GetDirectoryName(host))) return ENoent;
        File.CreateSymbolicLink(host, target);
        return Success;
    }

    private int PathReadlink(int dirFd, string path, int buf, int bufLen, int usedPtr)
    {
        var r = Resolve(dirFd, path, false, out var host);
        if (r != Success) return r;
        if (LinkTarget(host) is not { } target) return File.Exists(host) || Directory.Exists(host) ? EInval : ENoent;
        var bytes = Encoding.UTF8.GetBytes(target);
        var n = Math.Min(bytes.Length, bufLen);
        bytes.AsSpan(0, n).CopyTo(Mem.Slice(buf, n));
        BinaryPrimitives.WriteUInt32LittleEndian(Mem.Slice(usedPtr, 4), (uint)n);
        return Success;
    }
}
