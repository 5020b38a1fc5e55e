namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// What happened to one assertion on one engine. not-applicable = the assertion cannot be
/// expressed through this engine's interface (e.g. a v128 result through JavaScript);
/// unsupported = the engine does not implement the feature (its module is rejected);
/// error = the harness itself failed (e.g. text-to-binary conversion).
/// </summary>
public enum AssertionOutcome { Pass, Fail, Error, Unsupported, NotApplicable, Timeout, Crash }

/// <summary>How closely an engine's failure message matched the one the script expects.</summary>
public enum MessageMatch { Exact, Loose, None }

public static class AssertionOutcomeNames
{
    public static string ToWire(this AssertionOutcome o) => o switch
    {
        AssertionOutcome.Pass => "pass",
        AssertionOutcome.Fail => "fail",
        AssertionOutcome.Error => "error",
        AssertionOutcome.Unsupported => "unsupported",
        AssertionOutcome.NotApplicable => "not-applicable",
        AssertionOutcome.Timeout => "timeout",
        AssertionOutcome.Crash => "crash",
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    public static AssertionOutcome Parse(string s) => s switch
    {
        "pass" => AssertionOutcome.Pass,
        "fail" => AssertionOutcome.Fail,
        "error" => AssertionOutcome.Error,
        "unsupported" => AssertionOutcome.Unsupported,
        "not-applicable" => AssertionOutcome.NotApplicable,
        "timeout" => AssertionOutcome.Timeout,
        "crash" => AssertionOutcome.Crash,
        _ => throw new FormatException($"unknown assertion outcome '{s}'"),
    };

    public static string ToWire(this MessageMatch m) => m switch
    {
        MessageMatch.Exact => "exact",
        MessageMatch.Loose => "loose",
        _ => "none",
    };

    public static MessageMatch? ParseMatch(string? s) => s switch
    {
        "exact" => MessageMatch.Exact,
        "loose" => MessageMatch.Loose,
        "none" => MessageMatch.None,
        _ => null,
    };
}

/// <summary>The result of one directive of a script (identified by its index and line).</summary>
public sealed record AssertionResult
{
    public required int Index { get; init; }
    public required int Line { get; init; }
    public required string Directive { get; init; }
    public required bool IsAssertion { get; init; }
    public required AssertionOutcome Outcome { get; init; }
    /// <summary>Expected result as bit patterns (or the expected failure message's class).</summary>
    public string? Expected { get; init; }
    /// <summary>Actual result as bit patterns, or what happened instead.</summary>
    public string? Actual { get; init; }
    /// <summary>The engine's message (trap text, validation error) or the reason for the outcome.</summary>
    public string? Message { get; init; }
    /// <summary>For assertions that expect a failure: how the engine's message compares with the script's.</summary>
    public MessageMatch? MessageMatch { get; init; }
}
