using System.Text.Json;
using System.Text.Json.Serialization;

namespace CallSync.Contracts;

/// <summary>Writes <see cref="DateTimeOffset"/> as <see cref="Timestamps.Format"/>; reads any ISO 8601 instant with an offset.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out DateTimeOffset value))
        {
            throw new JsonException("Expected an ISO 8601 timestamp string.");
        }

        return value.ToUniversalTime();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> buffer = stackalloc char[32];
        if (!value.UtcDateTime.TryFormat(buffer, out int written, Timestamps.Format, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new JsonException("Timestamp could not be formatted.");
        }

        writer.WriteStringValue(buffer[..written]);
    }
}
