using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observatory.Collectors.Engines.Browser;

/// <summary>
/// What <c>drivers/browser-server.mjs</c> is told, as the JSON file it reads: which page to open
/// in which browser, the files it may serve (module, stdin, preopens, spec commands), where
/// the page's results go, and the page's own part (<see cref="Page"/>, served as /job).
/// </summary>
public sealed record BrowserJob
{
    /// <summary>Filled in by <see cref="BrowserSession"/>, as are Scratch, Browser, BrowserArgs and BrowserEnv.</summary>
    public string Drivers { get; init; } = "";
    /// <summary>The page under the drivers directory: browser-bench.html or browser-spec.html.</summary>
    public required string Entry { get; init; }
    public string Scratch { get; init; } = "";
    public string Browser { get; init; } = "";
    /// <summary>The browser's arguments; <c>{url}</c> becomes the page's address once the server listens.</summary>
    public IReadOnlyList<string> BrowserArgs { get; init; } = [];
    public IReadOnlyDictionary<string, string> BrowserEnv { get; init; } = new Dictionary<string, string>();
    public string? Wasm { get; init; }
    public string? Stdin { get; init; }
    public IReadOnlyList<BrowserPreopen> Preopens { get; init; } = [];
    /// <summary>The spec page's commands files (wast2json form, one per spec file); each one's modules lie beside it.</summary>
    public IReadOnlyList<string> SpecFiles { get; init; } = [];
    public required object Page { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Write(string path)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
        return path;
    }
}

public sealed record BrowserPreopen(string Host, string Guest);

/// <summary>The benchmark page's part of the job (browser-bench.mjs reads it from /job).</summary>
public sealed record BenchPage(int Iterations, string Argv0, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<string> Preopens, int? Requests);
