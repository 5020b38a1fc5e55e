using System.Buffers.Binary;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The descriptor calls beyond read/write/seek, answered as Wasmtime 50 answers them (the
/// differential oracle of conformance/wasi): fd_advise succeeds on files (advice is only a
/// hint), fd_allocate and fd_fdstat_set_rights are ENOTSUP, sizes and times change only
/// through a descriptor that may write, fd_renumber replaces the target, path_link makes a
/// hard link of a file (never of a directory: EPERM). A directory descriptor is EBADF for
/// every call that needs a file.
/// </summary>
public sealed partial class WasiPreview1
{
    private const int FstAtim = 1, FstAtimNow = 2, FstMtim = 4, FstMtimNow = 8;

    /// <summary>The open file behind fd, or the errno to answer: EBADF for a missing fd, a directory or stdio where a file is needed.</summary>
    private int OpenFile(int fd, out Descriptor d)
    {
        if (!fds.TryGetValue(fd, out d!)) return EBadf;
        return d.Stream is null || d.HostPath is null ? EBadf : Success;
    }

    private int FdAdvise(int fd, int advice)
    {
        var r = OpenFile(fd, out _);
        if (r != Success) return r;
        return advice is < 0 or > 5 ? EInval : Success;
    }

    private int FdAllocate(int fd)
    {
        var r = OpenFile(fd, out _);
        return r != Success ? r : ENotSup;
    }

    private int FdFdstatSetRights(int fd) => fds.ContainsKey(fd) ? ENotSup : EBadf;

    private int FdFdstatSetFlags(int fd, int flags)
    {
        if (!fds.TryGetValue(fd, out var d)) return EBadf;
        if (d.Stream is null || d.HostPath is null) return EBadf; // stdio and directories keep their flags
        d.Append = (flags & 1) != 0;
        return Success;
    }

    private int SetSize(int fd, long size)
    {
        var r = OpenFile(fd, out var d);
        if (r != Success) return r;
        if (!d.Stream!.CanWrite || d.ReadOnly || size < 0) return EInval;
        d.Stream.SetLength(size);
        return Success;
    }

    private static int TimesValid(int flags) =>
        (flags & (FstAtim | FstAtimNow)) == (FstAtim | FstAtimNow) || (flags & (FstMtim | FstMtimNow)) == (FstMtim | FstMtimNow) ? EInval : Success;

    private static int SetTimes(string host, bool follow, long atime, long mtime, int flags)
    {
        var r = TimesValid(flags);
        if (r != Success) return r;
        return WasiHostFs.SetTimes(host, follow, (flags & FstAtim) != 0 ? (ulong)atime : null, (flags & FstAtimNow) != 0,
            (flags & FstMtim) != 0 ? (ulong)mtime : null, (flags & FstMtimNow) != 0) ? Success : EIo;
    }

    private int FdFilestatSetTimes(int fd, long atime, long mtime, int flags)
    {
        if (!fds.TryGetValue(fd, out var d)) return EBadf;
        if (d.HostPath is null) return TimesValid(flags); // stdio: nothing to stamp
        d.Stream?.Flush();
        return SetTimes(d.HostPath, true, atime, mtime, flags);
    }

    private int PathFilestatSetTimes(int dirFd, bool follow, string path, long atime, long mtime, int flags)
    {
        var r = Resolve(dirFd, path, follow, out var host);
        if (r != Success) return r;
        if (WasiHostFs.Get(host, follow) is null) return ENoent;
        return SetTimes(host, follow, atime, mtime, flags);
    }

    private int FdRenumber(int from, int to)
    {
        if (!fds.TryGetValue(from, out var d) || !fds.TryGetValue(to, out var old)) return EBadf;
        if (from == to) return Success;
        old.Stream?.Dispose();
        fds[to] = d;
        fds.Remove(from);
        return Success;
    }

    private int PathLink(int oldFd, string oldPath, int newFd, string newPath)
    {
        var r = Resolve(oldFd, oldPath, false, out var from);
        if (r != Success) return r;
        r = Resolve(newFd, newPath, false, out var to);
        if (r != Success) return r;
        var source = WasiHostFs.Get(from, false);
        if (source is null) return ENoent;
        if (WasiHostFs.Get(to, false) is not null) return EExist;
        if (source.IsDirectory) return EPerm;
        return WasiHostFs.Link(from, to) switch { 0 => Success, 2 => ENoent, 17 => EExist, 20 => ENotDir, 1 => EPerm, _ => EIo };
    }

    private int FdSyncFile(int fd)
    {
        if (!fds.TryGetValue(fd, out var d)) return EBadf;
        if (d.Stream is null) return EBadf;
        d.Stream.Flush();
        return Success;
    }

    /// <summary>The filestat of a host path from statx (ELOOP-free: the path is already resolved).</summary>
    private int WriteFilestat(string host, int ptr, bool follow = false)
    {
        if (WasiHostFs.Get(host, follow) is not { } st) return ENoent;
        var b = Mem.Slice(ptr, 64);
        b.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(b, st.Dev);
        BinaryPrimitives.WriteUInt64LittleEndian(b[8..], st.Ino);
        b[16] = st.IsSymlink ? FiletypeSymlink : st.IsDirectory ? FiletypeDirectory : st.IsRegular ? FiletypeRegular : FiletypeUnknown;
        BinaryPrimitives.WriteUInt64LittleEndian(b[24..], st.Nlink);
        BinaryPrimitives.WriteUInt64LittleEndian(b[32..], st.Size);
        BinaryPrimitives.WriteUInt64LittleEndian(b[40..], st.Atime);
        BinaryPrimitives.WriteUInt64LittleEndian(b[48..], st.Mtime);
        BinaryPrimitives.WriteUInt64LittleEndian(b[56..], st.Ctime);
        return Success;
    }
}
