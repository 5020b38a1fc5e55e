namespace Observatory.Harness.Cli;

/// <summary>A mistake on the command line; printed as one line naming the option at fault, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
