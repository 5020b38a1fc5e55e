using System.Text;
using Observatory.Core.Runs;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Running;

/// <summary>
/// What the guest wrote, read from an iteration's stdout-N/stderr-N files before its scratch
/// directory goes: the stderr tail that explains a failure (a failing assertion prints there),
/// and the check of both streams against a foreign module's expected files, with a diff.
/// </summary>
public static class GuestOutput
{
    /// <summary>How much of the end of stderr is kept: enough for an assertion message and a backtrace's top.</summary>
    public const int TailBytes = 2048;

    public static string StdoutPath(string scratch, int iteration) => Path.Combine(scratch, $"stdout-{iteration}.txt");

    /// <summary>Every engine writes the guest's stderr here (the recorder, the JS drivers, wasm2c, browsers).</summary>
    public static string StderrPath(string scratch, int iteration) => Path.Combine(scratch, $"stderr-{iteration}.txt");

    /// <summary>The last <see cref="TailBytes"/> of a stderr file as text, or null when it is missing or empty.</summary>
    public static string? StderrTail(string path)
    {
        if (!File.Exists(path)) return null;
        using var f = File.OpenRead(path);
        if (f.Length == 0) return null;
        var start = Math.Max(0, f.Length - TailBytes);
        f.Seek(start, SeekOrigin.Begin);
        var buffer = new byte[f.Length - start];
        var n = f.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var text = Encoding.UTF8.GetString(buffer, 0, n);
        // A cut in the middle of a UTF-8 sequence decodes to U+FFFD: drop it rather than show garbage.
        return (start > 0 ? "..." + text.TrimStart('\uFFFD') : text).TrimEnd();
    }

    /// <summary>
    /// An ok sample held against the expected files: wrong-output with a unified diff per differing
    /// stream, else unchanged. Non-ok samples and non-zero exits are left to the outcome they have.
    /// </summary>
    public static Sample Check(Sample s, ExpectedStreams expected, string stdoutPath, string stderrPath)
    {
        if (s.Outcome != Outcome.Ok || s.ExitCode is not (null or 0)) return s;
        var diffs = new List<string>();
        var streams = new List<string>();
        foreach (var (stream, file, actual) in new[] { ("stdout", expected.StdoutFile, stdoutPath), ("stderr", expected.StderrFile, stderrPath) })
        {
            if (file is null) continue;
            var diff = OutputMatch.Diff(File.ReadAllBytes(file), File.Exists(actual) ? File.ReadAllBytes(actual) : [], expected.Comparison, stream);
            if (diff is null) continue;
            diffs.Add(diff);
            streams.Add($"{stream} differs from {Path.GetFileName(file)}");
        }
        if (diffs.Count == 0) return s;
        var firstChange = diffs[0].Split('\n').Skip(2).FirstOrDefault(l => l.StartsWith('-') || l.StartsWith('+') || l.StartsWith(' ') && l.Contains("newline"))?.Trim();
        return s with
        {
            Outcome = Outcome.WrongOutput,
            Message = $"{string.Join("; ", streams)} (compared by {expected.Comparison.ToWire()})" + (firstChange is null ? "" : $": {firstChange}"),
            OutputDiff = string.Join("", diffs).TrimEnd('\n'),
        };
    }
}
