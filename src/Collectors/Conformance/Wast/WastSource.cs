using System.Text;

namespace Observatory.Collectors.Conformance.Wast;

/// <summary>
/// The text of one .wast file with a line table, so any offset can be reported as
/// file:line:column (1-based, columns in UTF-16 code units of the decoded text).
/// </summary>
public sealed class WastSource
{
    private readonly int[] _lineStarts;

    public string Path { get; }
    /// <summary>The path shown in messages and stored with results (relative to the suite root when known).</summary>
    public string DisplayName { get; }
    public string Text { get; }

    public WastSource(string displayName, string text, string? path = null)
    {
        DisplayName = displayName;
        Path = path ?? displayName;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = starts.ToArray();
    }

    public static WastSource Load(string path, string? displayName = null)
    {
        var bytes = File.ReadAllBytes(path);
        // Strict decoding: a file that is not UTF-8 is malformed, and we want to say where.
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var src = new WastSource(displayName ?? path, Encoding.UTF8.GetString(bytes, 0, Math.Max(0, e.Index)), path);
            var (l, c) = src.Position(Math.Max(0, src.Text.Length));
            throw new WastParseException(displayName ?? path, l, c, "file is not valid UTF-8");
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        return new WastSource(displayName ?? path, text, path);
    }

    public (int Line, int Column) Position(int offset)
    {
        var idx = Array.BinarySearch(_lineStarts, offset);
        if (idx < 0) idx = ~idx - 1;
        return (idx + 1, offset - _lineStarts[idx] + 1);
    }

    public int LineOf(int offset) => Position(offset).Line;

    public WastParseException Error(int offset, string message)
    {
        var (l, c) = Position(offset);
        return new WastParseException(DisplayName, l, c, message);
    }
}

/// <summary>A .wast file that cannot be read as a script; the message starts with file:line:column.</summary>
public sealed class WastParseException(string file, int line, int column, string reason)
    : Exception($"{file}:{line}:{column}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Reason { get; } = reason;
}
