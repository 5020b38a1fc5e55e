using System.Buffers;
using System.Text.Json;

namespace Observatory.Reports.Bundles;

/// <summary>
/// Reads a run.json for `ingest` without materialising its samples and cells, whose rows come from the
/// bundle's Parquet copies. A bundle written with <see cref="BundleJson"/> has every other property
/// before those two arrays: the reader stops where they begin and checks that the file ends as a
/// document ending in an array does (a cut file does not), so a year of nights is read as a few
/// kilobytes each instead of gigabytes. An older bundle is read to its end, its arrays counted with the
/// tokenizer (which still rejects any JSON syntax error) but never deserialised.
/// Returns null whenever anything is unusual: the caller then checks the whole file the strict way,
/// which names the file and field at fault exactly as before.
/// </summary>
internal static class RunJsonHead
{
    private const int FirstRead = 64 * 1024;

    public static BundleHeader? TryRead(string runJson)
    {
        try
        {
            using var file = new FileStream(runJson, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            var length = file.Length;
            if (length > Array.MaxLength) return null;
            var buffer = new byte[(int)Math.Min(length, FirstRead)];
            var filled = 0;
            while (true)
            {
                filled += Fill(file, buffer, filled);
                var scan = Scan(buffer.AsSpan(0, filled), isFinal: filled == length, file);
                if (scan.NeedMore)
                {
                    if (filled == length) return null;
                    Array.Resize(ref buffer, (int)Math.Min(length, (long)buffer.Length * 4));
                    continue;
                }
                if (scan.Head is null) return null;
                var run = BundleCheck.ValidateHead(runJson, scan.Head);
                return new BundleHeader(runJson, run, scan.Samples, scan.Cells);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int Fill(FileStream file, byte[] buffer, int from)
    {
        var total = 0;
        while (from + total < buffer.Length)
        {
            var n = file.Read(buffer, from + total, buffer.Length - from - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    private readonly record struct ScanResult(bool NeedMore, byte[]? Head, long? Samples, long? Cells)
    {
        public static readonly ScanResult More = new(true, null, null, null);
        public static readonly ScanResult Unusable = new(false, null, null, null);
    }

    /// <summary>One pass over what has been read so far, from the start (the head is small: a pass that runs out of bytes is simply redone on more).</summary>
    private static ScanResult Scan(ReadOnlySpan<byte> json, bool isFinal, FileStream file)
    {
        var reader = new Utf8JsonReader(json, isFinal, default);
        var missing = isFinal ? ScanResult.Unusable : ScanResult.More;
        if (!reader.Read()) return missing;
        if (reader.TokenType != JsonTokenType.StartObject) return ScanResult.Unusable;
        var head = new ArrayBufferWriter<byte>(json.Length < FirstRead ? json.Length + 16 : FirstRead);
        using var writer = new Utf8JsonWriter(head);
        writer.WriteStartObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long? samples = null, cells = null;
        while (true)
        {
            if (!reader.Read()) return missing;
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                if (!isFinal) return ScanResult.More; // what follows the document must be read too: only whitespace may
                if (reader.Read()) return ScanResult.Unusable; // the tokenizer throws for most trailing content
                break;
            }
            if (reader.TokenType != JsonTokenType.PropertyName) return ScanResult.Unusable;
            var name = reader.GetString()!;
            var tail = Array.IndexOf(BundleJson.TailArrays, name);
            if (tail >= 0 && seen.IsSupersetOf(BundleJson.HeadProperties))
            {
                // Everything the store takes from run.json is read; the rest is the arrays the Parquet copies hold.
                if (!reader.Read()) return missing;
                if (reader.TokenType != JsonTokenType.StartArray || !EndsWithArray(file)) return ScanResult.Unusable;
                break;
            }
            if (!reader.Read()) return missing;
            if (tail >= 0)
            {
                var count = CountObjects(ref reader);
                if (count is null) return missing;
                if (count < 0) return ScanResult.Unusable;
                if (name == "samples") samples = count; else cells = count;
            }
            else
            {
                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip()) return missing;
                writer.WritePropertyName(name);
                writer.WriteRawValue(json[start..(int)reader.BytesConsumed], skipInputValidation: true);
            }
            seen.Add(name);
        }
        writer.WriteEndObject();
        writer.Flush();
        return new ScanResult(false, head.WrittenSpan.ToArray(), samples, cells);
    }

    /// <summary>Elements of the array the reader is on, each skipped unread; null when the bytes end first, -1 for an element that is not an object (the strict check names it).</summary>
    private static long? CountObjects(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return -1;
        long count = 0;
        while (true)
        {
            if (!reader.Read()) return null;
            if (reader.TokenType == JsonTokenType.EndArray) return count;
            if (reader.TokenType != JsonTokenType.StartObject) return -1;
            count++;
            if (!reader.TrySkip()) return null;
        }
    }

    /// <summary>
    /// A document whose last property is an array of objects ends in `}` `]` `}` (or `[` `]` `}` when the
    /// array is empty), whitespace aside: a file cut anywhere inside the array does not.
    /// </summary>
    private static bool EndsWithArray(FileStream file)
    {
        var take = (int)Math.Min(file.Length, 256);
        var end = new byte[take];
        file.Seek(-take, SeekOrigin.End);
        if (Fill(file, end, 0) != take) return false;
        var i = take - 1;
        foreach (var expected in "}]"u8.ToArray())
        {
            i = SkipWhitespace(end, i);
            if (i < 0 || end[i] != expected) return false;
            i--;
        }
        i = SkipWhitespace(end, i);
        return i >= 0 && end[i] is (byte)'}' or (byte)'[';
    }

    private static int SkipWhitespace(byte[] bytes, int i)
    {
        while (i >= 0 && bytes[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') i--;
        return i;
    }
}
