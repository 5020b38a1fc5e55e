using Observatory.Collectors.Processes;

namespace Observatory.Tests.Support;

/// <summary>
/// A real, tiny filesystem (tmpfs of a given size, mounted by the test; needs root, as the tests run
/// here) that can be filled so the next write fails with ENOSPC. Unmounted when disposed.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    public string Path { get; }

    public SmallFilesystem(string mountPoint, int kilobytes)
    {
        Path = mountPoint;
        Directory.CreateDirectory(mountPoint);
        var r = Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", mountPoint);
        Assert.True(r.ExitCode == 0, $"mount -t tmpfs failed (the disk-full tests need root and mount): {r.Stderr}");
    }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes zeros until the filesystem is full: the next write anywhere on it fails with "No space left on device".</summary>
    public void Fill()
    {
        var buffer = new byte[4096];
        using var f = new FileStream(Combine(".filler"), FileMode.Create, FileAccess.Write);
        try
        {
            while (true) { f.Write(buffer); f.Flush(); }
        }
        catch (IOException) { }
    }

    /// <summary>Remounts it read-only, as a filesystem the kernel turned read-only after an error would be.</summary>
    public void MakeReadOnly()
    {
        var r = Run("mount", "-o", "remount,ro", Path);
        Assert.True(r.ExitCode == 0, $"remount,ro failed: {r.Stderr}");
    }

    public void Dispose()
    {
        var r = Run("umount", Path);
        if (r.ExitCode != 0) Run("umount", "-l", Path);
    }

    private static ChildProcessResult Run(string file, params string[] args) =>
        ChildProcess.Run(new ChildProcessSpec { FileName = file, Arguments = args, Timeout = TimeSpan.FromSeconds(30) });
}
