using Observatory.Collectors.Engines;
using Observatory.Core.Runs;

namespace Observatory.Harness.Portability;

/// <summary>
/// One engine's answer judged against the x86_64 reference: agree when stdout is the same bytes and the
/// exit code 0; wrong-output with the first differing bytes; otherwise the outcome that stopped it
/// (trap, unsupported, timeout, crash) with its message.
/// </summary>
public static class PortabilityVerdict
{
    public sealed record Judgement(string Verdict, string? Message, ByteDiff? Diff);

    public static Judgement Judge(IterationResult? result, byte[] reference, string referenceEngine)
    {
        if (result is null) return new("crash", "the engine reported no iteration", null);
        if (result.Outcome != Outcome.Ok) return new(result.Outcome.ToWire(), result.Message, null);
        if (result.ExitCode is { } code && code != 0) return new(Outcome.WrongOutput.ToWire(), $"exit code {code} (expected 0)", null);
        var actual = result.StdoutPath is { } p && File.Exists(p) ? File.ReadAllBytes(p) : [];
        var diff = ByteDiff.First(reference, actual);
        return diff is null
            ? new(PortabilityRow.Agree, null, null)
            : new(Outcome.WrongOutput.ToWire(), $"stdout differs from {referenceEngine} {diff} ({actual.Length} bytes, reference {reference.Length})", diff);
    }
}
