using Observatory.Core.Workloads;
using Observatory.Reports.Store;

namespace Observatory.Harness.Cli;

/// <summary>
/// The one error policy at the top of every command. What the user caused (a bad manifest, store or bundle,
/// a missing, unwritable or full path, a run that could not do its job) is one line naming the file and the
/// cause, exit 1; anything else is a bug: one line, then a request to report it with the stack trace, exit 70
/// (EX_SOFTWARE).
/// </summary>
public static class ErrorPolicy
{
    public const int UserError = 1;
    public const int InternalError = 70;

    public static int Report(Exception e, string prefix, TextWriter error)
    {
        if (UserMessage(e) is { } line)
        {
            error.WriteLine($"{prefix}: error: {line}");
            return UserError;
        }
        error.WriteLine($"{prefix}: internal error: {OneLine(e.Message)}");
        error.WriteLine("This is a bug in the observatory: please report it with the command line and the stack trace below.");
        error.WriteLine(e.ToString());
        return InternalError;
    }

    /// <summary>The one line for a user-caused failure, or null for a bug.</summary>
    public static string? UserMessage(Exception e) => e switch
    {
        ManifestException or StoreException or CommandFailedException or InvalidDataException => OneLine(e.Message),
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => OneLine(e.Message),
        // A full disk (DiskFull knows .NET's codes for it): said once, whether or not the message already says it.
        IOException io when DiskFull.Is(io) => io.Message.Contains("no space left on device", StringComparison.OrdinalIgnoreCase)
            || io.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase) ? OneLine(io.Message) : $"{DiskFull.Cause}: {OneLine(io.Message)}",
        IOException io => OneLine(io.Message),
        _ => null,
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
