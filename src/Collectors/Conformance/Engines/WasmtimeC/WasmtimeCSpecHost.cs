using System.Globalization;
using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Engines.WasmtimeC;

/// <summary>
/// The C host (<c>host --spec</c>) seen by <see cref="SpecRunner"/>: each call is one request to the host
/// process, which holds the store, the linker, the modules and the instances (by number). Outcomes are
/// classed and messages cleaned exactly as the in-process <see cref="WasmtimeSpecHost"/> does, so the
/// two differ only in where Wasmtime runs. When the process dies or misses <see cref="Deadline"/>,
/// <see cref="HostLostException"/> leaves the runner (it is no <see cref="SpecFailure"/>).
/// </summary>
public sealed class WasmtimeCSpecHost(WasmtimeCSpecProcess process) : ISpecHost
{
    private sealed record Mod(int Id) : ISpecModule;

    private sealed record Inst(int Id) : ISpecInstance;

    /// <summary>When the current file's time is up.</summary>
    public DateTime Deadline { get; set; } = DateTime.MaxValue;

    public void Reset()
    {
        Expect(Ask("reset"), "ok");
        Register("spectest"u8.ToArray(), Instantiate(Compile(SpectestModule.Binary)));
    }

    public ISpecModule Compile(byte[] wasm)
    {
        var (verb, rest) = Ask("compile " + WasmtimeCSpecWire.Bytes(wasm));
        return verb == "ok" ? new Mod(Number(rest)) : throw Failure(verb, rest);
    }

    public ISpecInstance Instantiate(ISpecModule module)
    {
        var (verb, rest) = Ask($"instantiate {((Mod)module).Id}");
        return verb == "ok" ? new Inst(Number(rest)) : throw Failure(verb, rest);
    }

    public void Register(byte[] name, ISpecInstance instance)
    {
        var (verb, rest) = Ask($"register {((Inst)instance).Id} {WasmtimeCSpecWire.Bytes(name)}");
        if (verb != "ok") throw new SpecFailure(SpecFailureKind.Harness, "register failed: " + WasmtimeSpecHost.Clean(rest));
    }

    public IReadOnlyList<WasmValue> Invoke(ISpecInstance instance, byte[] field, IReadOnlyList<WasmValue> args)
    {
        // A (ref.null $t) argument does not say which hierarchy $t is in: try any, then func, then extern.
        var attempts = args.Any(a => a.IsReference && a.Ref == RefKind.Null && a.Type == WasmType.AnyRef) ? 3 : 1;
        string? lastError = null;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var request = $"invoke {((Inst)instance).Id} {WasmtimeCSpecWire.Bytes(field)}" + string.Concat(args.Select(a => " " + WasmtimeCSpecWire.Argument(a, attempt)));
            var (verb, rest) = Ask(request);
            if (verb == "values") return Values(rest);
            if (verb != "refused") throw Failure(verb, rest);
            lastError = WasmtimeSpecHost.Clean(rest);
        }
        throw new SpecFailure(SpecFailureKind.Harness, $"cannot call \"{System.Text.Encoding.UTF8.GetString(field)}\": {lastError}");
    }

    public WasmValue Get(ISpecInstance instance, byte[] field)
    {
        var (verb, rest) = Ask($"get {((Inst)instance).Id} {WasmtimeCSpecWire.Bytes(field)}");
        if (verb != "values") throw Failure(verb, rest);
        return Values(rest) is [var v] ? v : throw new SpecFailure(SpecFailureKind.Harness, $"a global read gave {rest}");
    }

    private static IReadOnlyList<WasmValue> Values(string rest)
    {
        try
        {
            return rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(WasmtimeCSpecWire.Result).ToList();
        }
        catch (FormatException e)
        {
            throw new SpecFailure(SpecFailureKind.Harness, $"the host's reply is not understood: {e.Message}");
        }
    }

    private (string Verb, string Text) Ask(string request)
    {
        var line = process.Ask(request, Deadline);
        var space = line.IndexOf(' ');
        return space < 0 ? (line, "") : (line[..space], WasmtimeCSpecWire.Message(line[(space + 1)..]));
    }

    private static void Expect((string Verb, string Text) reply, string verb)
    {
        if (reply.Verb != verb) throw new SpecFailure(SpecFailureKind.Harness, $"the host answered {reply.Verb} {reply.Text}");
    }

    private static int Number(string s) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new SpecFailure(SpecFailureKind.Harness, $"the host gave no handle: {s}");

    private static SpecFailure Failure(string verb, string message) => new(verb switch
    {
        "rejected" => SpecFailureKind.Rejected,
        "unlinkable" => SpecFailureKind.Unlinkable,
        "trap" => SpecFailureKind.Trap,
        "exhaustion" => SpecFailureKind.Exhaustion,
        "exception" => SpecFailureKind.Exception,
        _ => SpecFailureKind.Harness,
    }, verb == "harness" ? message : WasmtimeSpecHost.Clean(message));

    /// <summary>The process belongs to the engine, which keeps it for the next file.</summary>
    public void Dispose() { }
}
