using System.Globalization;

namespace Observatory.Collectors.Engines;

/// <summary>
/// Encodes an <see cref="EngineInvocation"/> as the command-line options of the JS drivers (.mjs): the
/// .NET worker reads a typed JSON request instead (<see cref="Worker.WorkerRequest"/>).
/// </summary>
public static class WorkerArguments
{
    public static IReadOnlyList<string> Encode(EngineInvocation inv)
    {
        var a = new List<string>
        {
            "--wasm", inv.ArtifactPath,
            "--scratch", inv.ScratchDirectory,
            "--iterations", inv.Iterations.ToString(CultureInfo.InvariantCulture),
            "--argv0", inv.ProgramName,
        };
        if (inv.StdinPath is not null) { a.Add("--stdin"); a.Add(inv.StdinPath); }
        if (inv.Requests is { } n) { a.Add("--requests"); a.Add(n.ToString(CultureInfo.InvariantCulture)); }
        foreach (var (k, v) in inv.Environment) { a.Add("--env"); a.Add($"{k}={v}"); }
        foreach (var d in inv.Preopens) { a.Add("--dir"); a.Add($"{d.Host}::{d.Guest}"); }
        a.Add("--");
        a.AddRange(inv.Args);
        return a;
    }
}
