namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// The WASI preview1 world of one instance, engine-neutral: argv (argv[0] first), environment,
/// stdio files and preopened directories. Every engine builds its own WASI context from this.
/// </summary>
public sealed record WasiSpec
{
    public required IReadOnlyList<string> Args { get; init; }
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
    public string? StdinPath { get; init; }
    public required string StdoutPath { get; init; }
    public required string StderrPath { get; init; }
    public IReadOnlyList<DirectoryMapping> Preopens { get; init; } = [];

    public static WasiSpec For(EngineInvocation inv, string stdoutPath, string stderrPath) => new()
    {
        Args = [inv.ProgramName, .. inv.Args],
        Environment = inv.Environment,
        StdinPath = inv.StdinPath,
        StdoutPath = stdoutPath,
        StderrPath = stderrPath,
        Preopens = inv.Preopens,
    };
}
