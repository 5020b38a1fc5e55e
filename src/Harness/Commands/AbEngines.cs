using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>
/// `run --ab BASE,HEAD`: two engine ids (or globs, or runtimes.toml CLIs) that must each name
/// exactly one ready engine, in that order, so the rounds interleave them A B B A.
/// </summary>
public static class AbEngines
{
    public static (IEngine Base, IEngine Head) Resolve(string ab, IReadOnlyList<IEngine> catalog)
    {
        var parts = ab.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts.Any(p => p.Length == 0))
            throw new UsageException($"--ab takes two engines, BASE,HEAD (got '{ab}')");
        var a = One(parts[0], "BASE", catalog);
        var b = One(parts[1], "HEAD", catalog);
        if (a.Descriptor.Id == b.Descriptor.Id)
            throw new UsageException($"--ab {ab}: BASE and HEAD are the same engine ({a.Descriptor.Id}); name two engines");
        return (a, b);
    }

    private static IEngine One(string pattern, string role, IReadOnlyList<IEngine> catalog)
    {
        var matches = catalog.Where(e => Glob.Matches(pattern, e.Descriptor.Id)).ToList();
        if (matches.Count != 1)
            throw new UsageException(matches.Count == 0
                ? $"--ab: {role} '{pattern}' matches no engine (see `observatory runtimes`)"
                : $"--ab: {role} '{pattern}' matches {matches.Count} engines ({string.Join(", ", matches.Select(e => e.Descriptor.Id))}); name exactly one");
        var e = matches[0];
        if (e.Descriptor.Status != EngineStatus.Ready)
            throw new UsageException($"--ab: {role} {e.Descriptor.Id} is {e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}");
        return e;
    }
}
