namespace Observatory.Harness.Commands;

/// <summary>What `conformance` was asked: which suite, where it lives, which engines and files, and how to run them.</summary>
public sealed record ConformanceSettings
{
    /// <summary>spec, wasi or sandbox; null = not given (an error naming --suite).</summary>
    public string? Suite { get; init; }
    public required string Database { get; init; }
    public string? Testsuite { get; init; }
    public string? WasiTestsuite { get; init; }
    public string? Engines { get; init; }
    /// <summary>--arch LIST: the ISAs whose engines --engines selects from (default: the host's own).</summary>
    public string? Arch { get; init; }
    public string? Files { get; init; }
    public bool Json { get; init; }
    public double? TimeoutSeconds { get; init; }
    public int? Jobs { get; init; }
    /// <summary>--no-sandbox: engine processes on the host, not in bubblewrap (they still die with the observatory).</summary>
    public bool NoSandbox { get; init; }
    /// <summary>--list-failures: print the failures of the latest stored run (of --suite, if given) instead of running anything.</summary>
    public bool ListFailures { get; init; }
}
