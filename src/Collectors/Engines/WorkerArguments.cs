using System.Globalization;

namespace Observatory.Collectors.Engines;

/// <summary>Encodes an <see cref="EngineInvocation"/> as command-line options for a worker or driver, and back.</summary>
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

    /// <summary>Decodes options after the engine-specific ones; unknown options are returned for the caller.</summary>
    public static EngineInvocation Decode(IReadOnlyList<string> args, out Dictionary<string, string> extra)
    {
        extra = new Dictionary<string, string>();
        string? wasm = null, scratch = null, stdin = null, argv0 = null;
        var iterations = 1;
        int? requests = null;
        var env = new Dictionary<string, string>();
        var dirs = new List<DirectoryMapping>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { rest.AddRange(args.Skip(i + 1)); break; }
            if (i + 1 >= args.Count) throw new ArgumentException($"option {a} needs a value");
            var v = args[++i];
            switch (a)
            {
                case "--wasm": wasm = v; break;
                case "--scratch": scratch = v; break;
                case "--stdin": stdin = v; break;
                case "--argv0": argv0 = v; break;
                case "--iterations": iterations = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--env":
                    var eq = v.IndexOf('=');
                    env[v[..eq]] = v[(eq + 1)..];
                    break;
                case "--dir":
                    var sep = v.IndexOf("::", StringComparison.Ordinal);
                    dirs.Add(new DirectoryMapping(v[..sep], v[(sep + 2)..]));
                    break;
                default: extra[a] = v; break;
            }
        }
        return new EngineInvocation
        {
            ArtifactPath = wasm ?? throw new ArgumentException("--wasm is required"),
            ScratchDirectory = scratch ?? throw new ArgumentException("--scratch is required"),
            StdinPath = stdin,
            Iterations = iterations,
            Environment = env,
            Preopens = dirs,
            Args = rest,
            ProgramName = argv0 ?? "main.wasm",
            Requests = requests,
        };
    }
}
