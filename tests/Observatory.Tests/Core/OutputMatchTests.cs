using System.Text;
using Observatory.Core.Workloads;

namespace Observatory.Tests.Core;

/// <summary>Expected output by lines (Sightglass's rule) or by bytes, and the diff a mismatch shows.</summary>
public class OutputMatchTests
{
    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Zero_with_a_newline_against_zero_without_is_right_by_lines_and_wrong_by_bytes()
    {
        Assert.Null(OutputMatch.Diff(B("0"), B("0\n"), OutputComparison.Lines, "stdout"));
        var diff = OutputMatch.Diff(B("0"), B("0\n"), OutputComparison.Bytes, "stdout");
        Assert.NotNull(diff);
        Assert.Contains("actual ends with a newline; expected does not", diff);
    }

    [Fact]
    public void A_changed_line_shows_as_a_unified_diff_with_context()
    {
        var expected = B("a\nb\nc\nd\ne\nf\n");
        var actual = B("a\nb\nc\nD\ne\nf\n");
        var diff = OutputMatch.Diff(expected, actual, OutputComparison.Lines, "stdout")!;
        Assert.Equal("--- expected stdout\n+++ actual stdout\n@@ -2,5 +2,5 @@\n b\n c\n-d\n+D\n e\n f\n", diff);
    }

    [Fact]
    public void Lines_still_differ_when_a_line_is_missing_or_empty_lines_are_added()
    {
        Assert.NotNull(OutputMatch.Diff(B("1\n2\n"), B("1\n"), OutputComparison.Lines, "stdout"));
        Assert.NotNull(OutputMatch.Diff(B("1\n"), B("1\n\n"), OutputComparison.Lines, "stdout"));
        Assert.NotNull(OutputMatch.Diff(B(""), B("x"), OutputComparison.Lines, "stderr"));
        Assert.Null(OutputMatch.Diff(B(""), B(""), OutputComparison.Bytes, "stderr"));
    }

    [Fact]
    public void A_long_mismatch_is_cut_after_a_few_changed_lines()
    {
        var expected = B(string.Concat(Enumerable.Range(0, 100).Select(i => $"{i}\n")));
        var actual = B(string.Concat(Enumerable.Range(0, 100).Select(i => $"x{i}\n")));
        var diff = OutputMatch.Diff(expected, actual, OutputComparison.Lines, "stdout")!;
        Assert.Equal(OutputMatch.MaxChangedLines, diff.Split('\n').Count(l => l.StartsWith('-') && !l.StartsWith("---") || l.StartsWith('+') && !l.StartsWith("+++")));
        Assert.EndsWith("... (more differences not shown)\n", diff);
    }
}
