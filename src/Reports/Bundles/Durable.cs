using System.Runtime.InteropServices;

namespace Observatory.Reports.Bundles;

/// <summary>
/// Writes that survive a crash: a file is written under a temporary name, fsynced, then renamed;
/// the directory holding the new name is fsynced too, else the rename itself may be lost.
/// </summary>
internal static class Durable
{
    public static void WriteText(string path, string text)
    {
        var tmp = path + ".tmp";
        try
        {
            using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using var w = new StreamWriter(f, leaveOpen: true);
                w.Write(text);
                w.Flush();
                f.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>fsync of a file another writer (DuckDB's COPY) has closed: the kernel flushes the inode's pages.</summary>
    public static void Sync(string file)
    {
        using var f = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        f.Flush(flushToDisk: true);
    }

    public static void SyncDirectory(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var fd = Open(directory, 0 /* O_RDONLY */);
        if (fd < 0) return; // best effort: the files themselves are already on disk
        try { _ = Fsync(fd); }
        finally { _ = Close(fd); }
    }

    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    [DllImport("libc", EntryPoint = "open")]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync")]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);
}
