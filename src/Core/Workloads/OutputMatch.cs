using System.Text;

namespace Observatory.Core.Workloads;

/// <summary>
/// Holds what a module wrote against what was expected, by lines or by bytes, and on a mismatch
/// says where as a short unified diff: a reader sees the failing line, not two hash prefixes.
/// </summary>
public static class OutputMatch
{
    /// <summary>Lines of context around each difference, and differing lines shown before the diff is cut.</summary>
    public const int Context = 2, MaxChangedLines = 8;

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>; else a unified diff (expected = ---, actual = +++).</summary>
    public static string? Diff(byte[] expected, byte[] actual, OutputComparison how, string stream)
    {
        var e = Lines(expected);
        var a = Lines(actual);
        if (how == OutputComparison.Bytes ? expected.AsSpan().SequenceEqual(actual) : e.Lines.SequenceEqual(a.Lines))
            return null;
        var sb = new StringBuilder();
        sb.Append($"--- expected {stream}\n+++ actual {stream}\n");
        if (e.Lines.SequenceEqual(a.Lines))
        {
            // Bytes only: the lines agree, so the difference is the final newline.
            sb.Append($"@@ end of {stream} @@\n");
            sb.Append(e.EndsWithNewline ? " expected ends with a newline; actual does not\n" : " actual ends with a newline; expected does not\n");
            return sb.ToString();
        }
        AppendHunks(sb, e.Lines, a.Lines);
        return sb.ToString();
    }

    private static (string[] Lines, bool EndsWithNewline) Lines(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n");
        var ends = text.EndsWith('\n');
        if (ends) text = text[..^1];
        return (text.Length == 0 && !ends ? [] : text.Split('\n'), ends);
    }

    /// <summary>
    /// Hunks from a longest-common-subsequence alignment (outputs here are short; longer ones are
    /// aligned on their first 2000 lines), with at most <see cref="MaxChangedLines"/> changed lines shown.
    /// </summary>
    private static void AppendHunks(StringBuilder sb, string[] e, string[] a)
    {
        const int Limit = 2000;
        var (n, m) = (Math.Min(e.Length, Limit), Math.Min(a.Length, Limit));
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
            for (var j = m - 1; j >= 0; j--)
                lcs[i, j] = e[i] == a[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        // The edit script: (' ', line, i, j), ('-', ...), ('+', ...).
        var script = new List<(char Op, string Line, int I, int J)>();
        int x = 0, y = 0;
        while (x < n || y < m)
        {
            if (x < n && y < m && e[x] == a[y]) { script.Add((' ', e[x], x, y)); x++; y++; }
            // Removals before additions, as diff -u prints a changed line.
            else if (x < n && (y == m || lcs[x + 1, y] >= lcs[x, y + 1])) { script.Add(('-', e[x], x, y)); x++; }
            else { script.Add(('+', a[y], x, y)); y++; }
        }
        var changed = 0;
        var k = 0;
        while (k < script.Count && changed < MaxChangedLines)
        {
            var first = script.FindIndex(k, s => s.Op != ' ');
            if (first < 0) break;
            var start = Math.Max(k, first - Context);
            var end = first;
            // Extend the hunk while changes are within 2 * Context lines of each other.
            for (var p = first; p < script.Count; p++)
            {
                if (script[p].Op != ' ') end = p;
                else if (p - end > 2 * Context) break;
            }
            var stop = Math.Min(script.Count, end + Context + 1);
            var eCount = script.Skip(start).Take(stop - start).Count(s => s.Op != '+');
            var aCount = script.Skip(start).Take(stop - start).Count(s => s.Op != '-');
            sb.Append($"@@ -{script[start].I + 1},{eCount} +{script[start].J + 1},{aCount} @@\n");
            for (var p = start; p < stop; p++)
            {
                if (script[p].Op != ' ' && ++changed > MaxChangedLines)
                {
                    sb.Append("... (more differences not shown)\n");
                    return;
                }
                sb.Append(script[p].Op).Append(Cut(script[p].Line)).Append('\n');
            }
            k = stop;
        }
        if (script.Skip(k).Any(s => s.Op != ' ')) sb.Append("... (more differences not shown)\n");
        if (e.Length > Limit || a.Length > Limit) sb.Append($"... (aligned on the first {Limit} lines)\n");
    }

    private static string Cut(string line) => line.Length > 200 ? line[..200] + "..." : line;
}
