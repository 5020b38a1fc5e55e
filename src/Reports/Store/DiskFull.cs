namespace Observatory.Reports.Store;

/// <summary>
/// Recognises a full filesystem however it is reported: .NET's IOException carries ENOSPC (errno 28)
/// or, when preallocating a file, ERROR_DISK_FULL (112) with "because the disk was full"; DuckDB says
/// "No space left on device".
/// </summary>
public static class DiskFull
{
    public const string Cause = "no space left on device (disk full)";

    private const int Enospc = 28;
    private const int ErrorDiskFull = 112;
    private const int ErrorHandleDiskFull = 39;

    public static bool Is(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if ((x is IOException && (x.HResult & 0xFFFF) is Enospc or ErrorDiskFull or ErrorHandleDiskFull)
                || x.Message.Contains("No space left on device", StringComparison.Ordinal) || x.Message.Contains("because the disk was full", StringComparison.Ordinal))
                return true;
        return false;
    }
}
