namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// What a runtime CLI's command template can hand to a program: its arguments (<c>{args}</c> in
/// run), environment variables (<c>{env}</c> with an env template) and preopened directories
/// (<c>{preopens}</c> with a preopen template). wasm3, for one, has neither --dir nor --env: a WASI
/// test that needs them cannot be expressed there, which is "unsupported", not a failure.
/// </summary>
public sealed record CliExpressiveness(bool Args, bool Env, bool Dirs)
{
    public static CliExpressiveness Of(RuntimeCliDefinition d) => new(
        d.Run.Contains("{args}"),
        d.Env.Count > 0 && d.Run.Contains("{env}"),
        d.Preopen.Count > 0 && d.Run.Contains("{preopens}"));

    /// <summary>For the engine's flags: <c>expresses=args,env,dirs</c> (or <c>none</c>).</summary>
    public string Flag => "expresses=" + (Names(true) is { Length: > 0 } n ? n : "none");

    private string Names(bool have) => string.Join(',',
        new[] { ("args", Args), ("env", Env), ("dirs", Dirs) }.Where(x => x.Item2 == have).Select(x => x.Item1));

    /// <summary>
    /// Null when <paramref name="inv"/> can be expressed; else why not, naming the CLI. Directories
    /// count only when <paramref name="directoriesNeeded"/>: a benchmark's data directory is offered,
    /// a WASI test's directories are what it tests.
    /// </summary>
    public string? CannotExpress(string cli, EngineInvocation inv, bool directoriesNeeded)
    {
        var missing = new List<string>();
        if (!Args && inv.Args.Count > 0) missing.Add($"{inv.Args.Count} program argument(s)");
        if (!Env && inv.Environment.Count > 0) missing.Add($"{inv.Environment.Count} environment variable(s)");
        if (!Dirs && directoriesNeeded && inv.Preopens.Count > 0) missing.Add($"{inv.Preopens.Count} preopened director{(inv.Preopens.Count == 1 ? "y" : "ies")}");
        return missing.Count == 0 ? null
            : $"{cli}'s command line cannot express {string.Join(", ", missing)} (its template has no {Names(false).Replace(",", ", ")} option)";
    }
}

/// <summary>An engine that cannot express every invocation (a CLI without --dir or --env): the WASI runner asks it first.</summary>
public interface IInvocationLimits
{
    /// <summary>Null when <paramref name="inv"/> can run as asked; else why not.</summary>
    string? CannotExpress(EngineInvocation inv, bool directoriesNeeded);
}
