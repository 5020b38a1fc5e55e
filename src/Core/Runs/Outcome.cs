namespace Observatory.Core.Runs;

/// <summary>What happened to one sample. A fast wrong answer is a failure, not a result.</summary>
public enum Outcome
{
    Ok,
    WrongOutput,
    Trap,
    Timeout,
    /// <summary>The engine process failed while running the module (died, or reported an error that is no trap): the engine's fault.</summary>
    Crash,
    /// <summary>
    /// The engine cannot run this module, on every engine alike: an import it does not provide, no `_start`
    /// (or `run`) entry point, or bytes it cannot compile. A malformed (truncated) module is here too, not
    /// under crash: it is the module's fault, nothing ran, and engines cannot reliably tell "malformed" from
    /// "uses a feature I lack" (Wasmtime, V8 and JavaScriptCore all say only that it does not parse); the
    /// message names the cause. Bytes without the wasm magic never reach an engine: `run --wasm` refuses them.
    /// </summary>
    Unsupported,
}

public static class OutcomeNames
{
    public static string ToWire(this Outcome o) => o switch
    {
        Outcome.Ok => "ok",
        Outcome.WrongOutput => "wrong-output",
        Outcome.Trap => "trap",
        Outcome.Timeout => "timeout",
        Outcome.Crash => "crash",
        Outcome.Unsupported => "unsupported",
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    public static Outcome Parse(string wire) => wire switch
    {
        "ok" => Outcome.Ok,
        "wrong-output" => Outcome.WrongOutput,
        "trap" => Outcome.Trap,
        "timeout" => Outcome.Timeout,
        "crash" => Outcome.Crash,
        "unsupported" => Outcome.Unsupported,
        _ => throw new FormatException($"unknown outcome '{wire}'"),
    };

    /// <summary>The worst outcome wins when several samples of one cell disagree.</summary>
    public static int Severity(this Outcome o) => o switch
    {
        Outcome.Ok => 0,
        Outcome.Unsupported => 1,
        Outcome.Timeout => 2,
        Outcome.Trap => 3,
        Outcome.WrongOutput => 4,
        Outcome.Crash => 5,
        _ => 9,
    };
}
