using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The few POSIX file calls .NET has no API for, which preview1 needs to answer as Wasmtime does:
/// statx (device, inode, link count and nanosecond times, the same layout on every CPU),
/// utimensat (nanosecond times, "now" and "leave alone") and link (hard links).
/// </summary>
internal static partial class WasiHostFs
{
    private const int AtFdCwd = -100, AtSymlinkNofollow = 0x100, StatxBasicStats = 0x7ff;
    private const long UtimeNow = (1L << 30) - 1, UtimeOmit = (1L << 30) - 2;

    /// <summary>What preview1's filestat holds, from statx; null when the path does not exist.</summary>
    public sealed record Stat(ulong Dev, ulong Ino, uint Mode, ulong Nlink, ulong Size, ulong Atime, ulong Mtime, ulong Ctime)
    {
        public bool IsDirectory => (Mode & 0xF000) == 0x4000;
        public bool IsSymlink => (Mode & 0xF000) == 0xA000;
        public bool IsRegular => (Mode & 0xF000) == 0x8000;
    }

    public static Stat? Get(string path, bool follow)
    {
        Span<byte> b = stackalloc byte[256];
        if (statx(AtFdCwd, path, follow ? 0 : AtSymlinkNofollow, StatxBasicStats, ref MemoryMarshal.GetReference(b)) != 0) return null;
        static ulong Time(ReadOnlySpan<byte> t) =>
            (ulong)BinaryPrimitives.ReadInt64LittleEndian(t) * 1_000_000_000UL + BinaryPrimitives.ReadUInt32LittleEndian(t[8..]);
        var dev = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(b[136..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(b[140..]);
        return new Stat(dev, BinaryPrimitives.ReadUInt64LittleEndian(b[32..]), BinaryPrimitives.ReadUInt16LittleEndian(b[28..]),
            BinaryPrimitives.ReadUInt32LittleEndian(b[16..]), BinaryPrimitives.ReadUInt64LittleEndian(b[40..]),
            Time(b[64..]), Time(b[112..]), Time(b[96..]));
    }

    /// <summary>Sets access and modification times (ns since the epoch; null leaves one alone, "now" takes the clock); false with errno on failure.</summary>
    public static bool SetTimes(string path, bool follow, ulong? atime, bool atimeNow, ulong? mtime, bool mtimeNow)
    {
        Span<long> ts = stackalloc long[4];
        (ts[0], ts[1]) = atimeNow ? (0, UtimeNow) : atime is { } a ? ((long)(a / 1_000_000_000), (long)(a % 1_000_000_000)) : (0, UtimeOmit);
        (ts[2], ts[3]) = mtimeNow ? (0, UtimeNow) : mtime is { } m ? ((long)(m / 1_000_000_000), (long)(m % 1_000_000_000)) : (0, UtimeOmit);
        return utimensat(AtFdCwd, path, ref MemoryMarshal.GetReference(ts), follow ? 0 : AtSymlinkNofollow) == 0;
    }

    /// <summary>A hard link; returns the host errno on failure (0 on success).</summary>
    public static int Link(string existing, string created) => link(existing, created) == 0 ? 0 : Marshal.GetLastPInvokeError();

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int dirfd, string path, int flags, int mask, ref byte buffer);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int utimensat(int dirfd, string path, ref long times, int flags);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int link(string oldpath, string newpath);
}
