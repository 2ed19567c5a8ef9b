using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthRecords.Domain.Internal;

/// <summary>Reads any RFC 3339 timestamp with an offset; writes the ledger's fixed UTC millisecond form.</summary>
internal sealed class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !Rfc3339.TryParse(reader.GetString(), out var value))
        {
            throw new JsonException("A timestamp must be an RFC 3339 string with an offset, e.g. 2026-01-31T12:00:00Z.");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(Rfc3339.ToText(value));
    }
}
