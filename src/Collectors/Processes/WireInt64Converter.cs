using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observatory.Collectors.Processes;

/// <summary>
/// A 64-bit integer on the @obs wire: JS drivers print BigInt-derived values as numbers (sometimes
/// fractional, from a float clock) or as strings. Anything else is a malformed line, not a zero.
/// </summary>
public sealed class WireInt64Converter : JsonConverter<long>
{
    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.TryGetInt64(out var l) ? l : (long)Math.Round(reader.GetDouble());
        if (reader.TokenType == JsonTokenType.String
            && long.TryParse(reader.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            return parsed;
        throw new JsonException($"expected an integer, found {reader.TokenType}{(reader.TokenType == JsonTokenType.String ? $" \"{reader.GetString()}\"" : "")}");
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
