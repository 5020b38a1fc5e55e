using Observatory.Collectors.Engines.Configuration;

namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// How to drive one runtime's command-line interface: the command, its version probe
/// (arguments + a pattern whose first group is the version) and the command-line template.
/// Template tokens: <c>{wasm}</c> the module, <c>{args}</c> its arguments (several tokens),
/// <c>{preopens}</c> the <see cref="Preopen"/> tokens once per preopened directory
/// (<c>{host}</c>, <c>{guest}</c>), <c>{env}</c> the <see cref="Env"/> tokens once per variable
/// (<c>{name}</c>, <c>{value}</c>), <c>{argv0}</c> the program name. What the template can express
/// (<see cref="Expressiveness"/>) decides which invocations are unsupported on it. <see cref="Wast"/>,
/// when set, runs one .wast file through the runtime's own spec runner (<c>{file}</c>).
/// </summary>
public sealed record RuntimeCliDefinition
{
    public required string Name { get; init; }
    public required string Command { get; init; }
    public IReadOnlyList<string> VersionArgs { get; init; } = ["--version"];
    public string VersionPattern { get; init; } = @"(\d+\.\d+\.\d+)";
    public required IReadOnlyList<string> Run { get; init; }
    public IReadOnlyList<string> Preopen { get; init; } = [];
    public IReadOnlyList<string> Env { get; init; } = [];
    public bool Wasi { get; init; } = true;
    public string Install { get; init; } = "";
    /// <summary>Arguments that run one .wast file (<c>{file}</c>) through the runtime's own runner; null when it has none.</summary>
    public IReadOnlyList<string>? Wast { get; init; }

    /// <summary>Which of a program's arguments, environment and directories this template can hand to the runtime.</summary>
    public CliExpressiveness Expressiveness => CliExpressiveness.Of(this);
    /// <summary>Where the definition came from (built in, or file:line of the runtimes config).</summary>
    public string Origin { get; init; } = "built in";

    /// <summary>The runtimes the observatory knows how to drive when they are on PATH.</summary>
    public static IReadOnlyList<RuntimeCliDefinition> BuiltIn { get; } =
    [
        new()
        {
            Name = "wasmtime", Command = "wasmtime", VersionPattern = @"wasmtime(?:-cli)? (\d+\.\d+\.\d+)",
            Run = ["run", "{preopens}", "{env}", "{wasm}", "{args}"], Preopen = ["--dir", "{host}::{guest}"], Env = ["--env", "{name}={value}"],
            Wast = ["wast", "{file}"],
            Install = "install the Wasmtime CLI (see wasmtime.dev) and put `wasmtime` on PATH, or set command in runtimes.toml",
        },
        new()
        {
            Name = "wasmer", Command = "wasmer", VersionPattern = @"wasmer (\d+\.\d+\.\d+)",
            Run = ["run", "{preopens}", "{env}", "{wasm}", "--", "{args}"], Preopen = ["--mapdir", "{guest}:{host}"], Env = ["--env", "{name}={value}"],
            Install = "install the Wasmer CLI (see wasmer.io) and put `wasmer` on PATH, or set command in runtimes.toml",
        },
        new()
        {
            Name = "wasmedge", Command = "wasmedge", VersionPattern = @"wasmedge version (\d+\.\d+\.\d+)",
            Run = ["{preopens}", "{env}", "{wasm}", "{args}"], Preopen = ["--dir", "{guest}:{host}"], Env = ["--env", "{name}={value}"],
            Install = "install WasmEdge (see wasmedge.org) and put `wasmedge` on PATH, or set command in runtimes.toml",
        },
        new()
        {
            Name = "iwasm", Command = "iwasm", VersionPattern = @"iwasm (\d+\.\d+\.\d+)",
            Run = ["{preopens}", "{env}", "{wasm}", "{args}"], Preopen = ["--map-dir={guest}::{host}"], Env = ["--env={name}={value}"],
            Install = "build WAMR's iwasm (wasm-micro-runtime, product-mini/platforms/linux) and put it on PATH, or set command in runtimes.toml",
        },
        new()
        {
            Name = "wazero", Command = "wazero", VersionArgs = ["version"], VersionPattern = @"v?(\d+\.\d+\.\d+)",
            Run = ["run", "{preopens}", "{env}", "{wasm}", "{args}"], Preopen = ["-mount={host}:{guest}"], Env = ["-env={name}={value}"],
            Install = "go install github.com/tetratelabs/wazero/cmd/wazero@latest (puts wazero in $(go env GOPATH)/bin), or set command in runtimes.toml",
        },
        new()
        {
            Name = "wasm3", Command = "wasm3", VersionPattern = @"Wasm3 v(\d+\.\d+\.\d+)",
            Run = ["{wasm}", "{args}"],
            Install = "build wasm3 (github.com/wasm3/wasm3, cmake) and put `wasm3` on PATH, or set command in runtimes.toml",
        },
    ];

    /// <summary>A built-in definition with a config entry's fields applied, or a new one from the entry alone.</summary>
    public static RuntimeCliDefinition From(CliEntry entry, RuntimeCliDefinition? builtIn, string configPath)
    {
        var origin = $"{configPath}:{entry.Line}";
        if (builtIn is null && (entry.Command is null || entry.Run is null))
            throw RuntimesConfigException.Create(configPath, entry.Line,
                $"[[cli]] '{entry.Name}' is not a built-in runtime ({string.Join(", ", BuiltIn.Select(b => b.Name))}): it needs command and run");
        var b = builtIn ?? new RuntimeCliDefinition { Name = entry.Name, Command = entry.Command!, Run = entry.Run! };
        return b with
        {
            Command = entry.Command ?? b.Command,
            VersionArgs = entry.VersionArgs ?? b.VersionArgs,
            VersionPattern = entry.VersionPattern ?? b.VersionPattern,
            Run = entry.Run ?? b.Run,
            Preopen = entry.Preopen ?? b.Preopen,
            Env = entry.Env ?? b.Env,
            Wasi = entry.Wasi ?? b.Wasi,
            Install = entry.Install ?? b.Install,
            Wast = entry.Wast ?? b.Wast,
            Origin = origin,
        };
    }

    /// <summary>The arguments that run <paramref name="wasm"/> for <paramref name="inv"/>, by the template.</summary>
    public IReadOnlyList<string> Expand(string wasm, EngineInvocation inv)
    {
        var list = new List<string>();
        foreach (var token in Run)
        {
            switch (token)
            {
                case "{args}": list.AddRange(inv.Args); break;
                case "{preopens}":
                    foreach (var d in inv.Preopens)
                        list.AddRange(Preopen.Select(t => t.Replace("{host}", Path.GetFullPath(d.Host)).Replace("{guest}", d.Guest)));
                    break;
                case "{env}":
                    foreach (var (k, v) in inv.Environment)
                        list.AddRange(Env.Select(t => t.Replace("{name}", k).Replace("{value}", v)));
                    break;
                default:
                    list.Add(token.Replace("{wasm}", wasm).Replace("{argv0}", inv.ProgramName));
                    break;
            }
        }
        return list;
    }
}
