using System.Collections;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Observatory.Reports.Query;

/// <summary>
/// A JSON array with one object per row, one row per line: numbers as JSON numbers (NaN and
/// infinities, which JSON lacks, as strings), NULL as null, booleans as booleans, lists as
/// arrays, structs and maps as objects, timestamps and everything else as ISO 8601 / text strings.
/// </summary>
public sealed class JsonFormatter : IResultFormatter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "json";

    public void Write(QueryResult result, TextWriter output)
    {
        if (result.Rows.Count == 0) { output.Write("[]\n"); return; }
        output.Write("[\n");
        for (var r = 0; r < result.Rows.Count; r++)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                json.WriteStartObject();
                for (var c = 0; c < result.Columns.Count; c++)
                {
                    json.WritePropertyName(result.Columns[c].Name);
                    WriteValue(json, result.Rows[r][c]);
                }
                json.WriteEndObject();
            }
            output.Write("  ");
            output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            output.Write(r == result.Rows.Count - 1 ? "\n" : ",\n");
        }
        output.Write("]\n");
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null or DBNull: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case decimal m: json.WriteNumberValue(m); break;
            case sbyte or byte or short or ushort or int or uint or long:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case ulong u: json.WriteNumberValue(u); break;
            case BigInteger i: json.WriteRawValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case string or byte[]: json.WriteStringValue(ValueText.Format(value)); break;
            case IDictionary map:
                json.WriteStartObject();
                foreach (DictionaryEntry e in map)
                {
                    json.WritePropertyName(ValueText.Format(e.Key));
                    WriteValue(json, e.Value);
                }
                json.WriteEndObject();
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list) WriteValue(json, item);
                json.WriteEndArray();
                break;
            default: json.WriteStringValue(ValueText.Format(value)); break;
        }
    }
}
