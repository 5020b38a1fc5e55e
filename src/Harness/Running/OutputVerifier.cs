using Observatory.Core.Runs;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Running;

/// <summary>
/// Turns an engine's "it finished" into "it finished with the right answer": stdout
/// must hash to the expected value (native's output, or the manifest's sha256) and
/// the exit code must be 0. Anything else is wrong-output, never a timing.
/// </summary>
public static class OutputVerifier
{
    /// <summary>The hash every engine must reproduce, or null when there is no reference to check against.</summary>
    public static string? ExpectedHash(WorkloadManifest w, IEnumerable<Sample> nativeSamples)
    {
        if (!w.Expected.IsSameAsNative) return w.Expected.Sha256;
        return nativeSamples.FirstOrDefault(s => s.Outcome == Outcome.Ok && s.ExitCode == 0)?.StdoutSha256;
    }

    /// <param name="checkedAgainstFiles">
    /// The workload has expected files, checked on every iteration while its output existed
    /// (<see cref="GuestOutput.Check"/>): only the exit code is left to check here.
    /// </param>
    public static Sample Verify(Sample s, string? expectedHash, string referenceName, bool checkedAgainstFiles = false)
    {
        if (s.Outcome != Outcome.Ok) return s;
        if (s.ExitCode is { } code && code != 0)
            return s with { Outcome = Outcome.WrongOutput, Message = $"exit code {code} (expected 0)" };
        if (checkedAgainstFiles) return s;
        if (expectedHash is null)
            return s with { Message = "unverified: no reference output (native baseline missing or failed)" };
        if (!string.Equals(s.StdoutSha256, expectedHash, StringComparison.OrdinalIgnoreCase))
            return s with
            {
                Outcome = Outcome.WrongOutput,
                Message = $"stdout sha256 {Short(s.StdoutSha256)} differs from {referenceName} {Short(expectedHash)}",
            };
        return s;
    }

    private static string Short(string? h) => h is null ? "(none)" : h.Length > 12 ? h[..12] : h;
}
