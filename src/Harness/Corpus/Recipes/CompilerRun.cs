using Observatory.Collectors.Processes;

namespace Observatory.Harness.Corpus.Recipes;

/// <summary>Runs a compiler and turns failure into a message a user can act on.</summary>
internal static class CompilerRun
{
    public static string? Run(string compiler, IReadOnlyList<string> args, string workDir, string installHint)
    {
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = compiler, Arguments = args, WorkingDirectory = workDir, Timeout = TimeSpan.FromMinutes(15),
        });
        if (r.ExitCode == 0) return null;
        if (r.ExitCode == 127 || r.Stderr.StartsWith("cannot start", StringComparison.Ordinal))
            return $"{compiler} is not installed: {installHint}";
        if (r.TimedOut) return $"{compiler} timed out after 15 minutes";
        return $"{compiler} {string.Join(' ', args)}\n{(r.Stderr + r.Stdout).Trim()}";
    }
}
