using System.Text.Json;
using Observatory.Collectors.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Processes;

/// <summary>
/// The machine-readable lines that out-of-process drivers and workers print on their stdout:
/// <c>@obs {json}</c> (<see cref="ObsLine"/>), one per iteration (<c>"kind":"iteration"</c>) and one
/// per process (<c>"kind":"process"</c>, with peakRssKb). Other stdout lines are ignored, so the
/// harness never parses free text for timings; but a line that starts with <c>@obs</c> and cannot be
/// read is never dropped: it comes back in <see cref="Parsed.Errors"/> with its text.
/// </summary>
public static class DriverProtocol
{
    public const string Prefix = "@obs ";

    public static string IterationLine(IterationResult r) => Prefix + JsonSerializer.Serialize(new ObsLine
    {
        Kind = ObsLine.IterationKind,
        Iteration = r.Iteration,
        Outcome = r.Outcome.ToWire(),
        CompileNs = r.CompileNs,
        InstantiateNs = r.InstantiateNs,
        ExecuteNs = r.ExecuteNs,
        RegionNs = r.RegionNs,
        RegionsNs = r.RegionsNs,
        ExitCode = r.ExitCode,
        StdoutSha256 = r.StdoutSha256,
        StdoutPath = r.StdoutPath,
        Message = r.Message,
        CpuNs = r.CpuNs,
        LinearMemoryBytes = r.LinearMemoryBytes,
    }, ObsLineJson.Default.ObsLine);

    public static string ProcessLine(long? peakRssKb) =>
        Prefix + JsonSerializer.Serialize(new ObsLine { Kind = ObsLine.ProcessKind, PeakRssKb = peakRssKb }, ObsLineJson.Default.ObsLine);

    /// <summary>An @obs line that could not be read, and why.</summary>
    public sealed record ProtocolError(string Line, string Reason)
    {
        private const int Shown = 300;

        public override string ToString() => $"malformed @obs line ({Reason}): {(Line.Length > Shown ? Line[..Shown] + "..." : Line)}";
    }

    public sealed record Parsed(IReadOnlyList<IterationResult> Iterations, long? PeakRssKb, IReadOnlyList<ProtocolError> Errors);

    public static Parsed Parse(string stdout)
    {
        var list = new List<IterationResult>();
        var errors = new List<ProtocolError>();
        long? rss = null;
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith(Prefix.TrimEnd(), StringComparison.Ordinal)) continue;
            try
            {
                var o = line.StartsWith(Prefix, StringComparison.Ordinal)
                    ? JsonSerializer.Deserialize(line.AsSpan(Prefix.Length), ObsLineJson.Default.ObsLine)
                    : null;
                switch (o?.Kind)
                {
                    case ObsLine.ProcessKind:
                        rss = o.PeakRssKb;
                        break;
                    case ObsLine.IterationKind:
                        list.Add(ToIteration(o, list.Count));
                        break;
                    case null when o is null:
                        errors.Add(new ProtocolError(line, "no JSON object after the prefix"));
                        break;
                    default:
                        errors.Add(new ProtocolError(line, o.Kind is null ? "no \"kind\"" : $"unknown kind \"{o.Kind}\""));
                        break;
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
            {
                errors.Add(new ProtocolError(line, FirstLine(e.Message)));
            }
        }
        return new Parsed(list, rss, errors);
    }

    private static IterationResult ToIteration(ObsLine o, int position) => new()
    {
        Iteration = (int)(o.Iteration ?? position),
        Outcome = OutcomeNames.Parse(o.Outcome ?? throw new FormatException("no \"outcome\"")),
        CompileNs = o.CompileNs,
        InstantiateNs = o.InstantiateNs,
        ExecuteNs = o.ExecuteNs,
        RegionNs = o.RegionNs,
        RegionsNs = o.RegionsNs,
        ExitCode = (int?)o.ExitCode,
        StdoutSha256 = o.StdoutSha256,
        StdoutPath = o.StdoutPath,
        Message = o.Message,
        CpuNs = o.CpuNs,
        LinearMemoryBytes = o.LinearMemoryBytes,
    };

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();
}
