namespace Observatory.Collectors.Processes;

/// <summary>
/// Whether bubblewrap can sandbox engine processes here: found on PATH and able to create its
/// namespaces (a container may forbid them). Probed once per observatory process by really
/// starting `bwrap ... true`; <see cref="Reason"/> says why not, with the fix.
/// </summary>
public sealed record SandboxAvailability(string? Bwrap, string? Reason)
{
    public bool Usable => Bwrap is not null && Reason is null;

    public static SandboxAvailability Probe()
    {
        // $OBSERVATORY_BWRAP names another bwrap binary (a build of its own, or a missing path to try the fallback).
        var configured = Environment.GetEnvironmentVariable("OBSERVATORY_BWRAP");
        var bwrap = configured is { Length: > 0 } ? (File.Exists(configured) ? configured : null) : Engines.PathLookup.Find("bwrap");
        if (bwrap is null) return new(null, "bubblewrap not found — apt-get install bubblewrap");
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = bwrap,
            Arguments = [.. Sandbox.BaseArguments(), "--", "/usr/bin/true"],
            Timeout = TimeSpan.FromSeconds(20),
        });
        if (r.ExitCode != 0)
            return new(bwrap, $"{bwrap} cannot create its namespaces here (exit {r.ExitCode}: {r.StderrTail(200).Trim()})");
        return new(bwrap, null);
    }
}
