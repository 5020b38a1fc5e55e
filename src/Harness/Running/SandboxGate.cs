using Observatory.Collectors.Processes;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Running;

/// <summary>
/// The sandbox decision a command makes once, before any engine starts: --no-sandbox turns it
/// off; without a usable bubblewrap it is off and said so once. A module from outside the
/// project's own corpus is then refused unless the user asked for --no-sandbox: the engines'
/// own WASI layers are not security boundaries.
/// </summary>
public static class SandboxGate
{
    /// <param name="untrusted">What names the foreign module (e.g. "--wasm FILE"), or null when only the corpus runs.</param>
    public static void Apply(bool noSandbox, string? untrusted, TextWriter log)
    {
        Sandbox.DisabledByUser = noSandbox;
        if (noSandbox || Sandbox.On) return;
        log.WriteLine($"sandbox off: {Sandbox.Availability.Reason}");
        if (untrusted is not null)
            throw new UsageException($"{untrusted}: refusing to run a module from outside the corpus without the OS sandbox ({Sandbox.Availability.Reason}); pass --no-sandbox to run it anyway");
    }
}
