namespace Observatory.Harness.Cli;

/// <summary>
/// A command that ran as asked but could not do its job for a reason the user must act on
/// (every build failed, nothing could run): one line, exit 1, never a stack trace.
/// </summary>
public sealed class CommandFailedException(string message) : Exception(message);
