using System.Text.RegularExpressions;
using Observatory.Collectors.Engines.Configuration;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// Runtime CLIs: the built-in ones (wasmtime, wasmer, wasmedge, iwasm, wazero, wasm3) looked
/// up on PATH, with [[cli]] entries of the runtimes config overriding or adding definitions.
/// Each is probed with its version command: absent means not installed (with the install
/// hint), a version output the pattern does not match means broken (with the output quoted).
/// </summary>
public sealed class RuntimeCliProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env) => Definitions(env).Select(d => Probe(env, d));

    /// <summary>The built-in definitions with the config's [[cli]] entries applied, built-ins first.</summary>
    public static IReadOnlyList<RuntimeCliDefinition> Definitions(EngineEnvironment env)
    {
        var config = RuntimesConfig.Load(env);
        var definitions = RuntimeCliDefinition.BuiltIn.ToDictionary(d => d.Name);
        var order = RuntimeCliDefinition.BuiltIn.Select(d => d.Name).ToList();
        foreach (var entry in config.Cli)
        {
            definitions[entry.Name] = RuntimeCliDefinition.From(entry, definitions.GetValueOrDefault(entry.Name) ?? Like(entry, config.Path), config.Path);
            if (!order.Contains(entry.Name)) order.Add(entry.Name);
        }
        return order.Select(n => definitions[n]).ToList();
    }

    /// <summary>The built-in definition an entry's `like` names, under the entry's own name (null without `like`).</summary>
    private static RuntimeCliDefinition? Like(CliEntry entry, string configPath)
    {
        if (entry.Like is not { } like) return null;
        var builtIn = RuntimeCliDefinition.BuiltIn.FirstOrDefault(b => b.Name == like)
            ?? throw RuntimesConfigException.Create(configPath, entry.Line,
                $"[[cli]] '{entry.Name}': like = \"{like}\" is not a built-in runtime ({string.Join(", ", RuntimeCliDefinition.BuiltIn.Select(b => b.Name))})");
        return builtIn with { Name = entry.Name };
    }

    public static IEngine Probe(EngineEnvironment env, RuntimeCliDefinition d)
    {
        var unknown = new EngineDescriptor
        {
            Id = $"{d.Name}/cli", Family = d.Name, Version = "", Tier = "cli", SupportsWasi = d.Wasi, Source = d.Origin,
        };
        var command = PathLookup.Find(d.Command);
        if (command is null)
        {
            var where = d.Command.Contains('/') ? $"{d.Command} does not exist" : $"{d.Command} not on PATH";
            return new UnavailableEngine(unknown with { Status = EngineStatus.NotInstalled, Reason = $"{where}: {d.Install}".TrimEnd(' ', ':') });
        }
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = command, Arguments = d.VersionArgs, Timeout = TimeSpan.FromSeconds(20) });
        var said = (r.Stdout + "\n" + r.Stderr).Trim();
        var probe = $"{command} {string.Join(' ', d.VersionArgs)}".Trim();
        if (r.TimedOut || r.ExitCode != 0)
            return new UnavailableEngine(unknown with
            {
                Source = command, Status = EngineStatus.Broken,
                Reason = $"'{probe}' {(r.TimedOut ? "timed out" : $"exited {r.ExitCode}")}: '{Quote(said)}'",
            });
        var m = Regex.Match(said, d.VersionPattern);
        if (!m.Success || m.Groups.Count < 2 || m.Groups[1].Value.Length == 0)
            return new UnavailableEngine(unknown with
            {
                Source = command, Status = EngineStatus.Broken,
                Reason = $"'{probe}' printed '{Quote(said)}', which does not match the version pattern /{d.VersionPattern}/",
            });
        return new RuntimeCliEngine(env, d, command, m.Groups[1].Value);
    }

    private static string Quote(string s)
    {
        s = s.Replace('\n', ' ').Replace('\r', ' ');
        return s.Length > 200 ? s[..200] + "..." : s;
    }
}
