using System.Buffers;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Push;

/// <summary>
/// Payloads on <c>users/{userId}/inbox</c> (docs/hub-api.md, "Pushes"). Records are embedded as the phone sent
/// them (raw JSON), so the app parses one record format everywhere.
/// </summary>
internal static class InboxMessages
{
    public static byte[] Record(StoredCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(record.Payload.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "record");
            writer.WriteString("deviceId", record.DeviceId);
            writer.WritePropertyName("record");
            writer.WriteRawValue(record.Payload, skipInputValidation: false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Digest(string date, string timeZone, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<StoredCallRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", "digest");
            writer.WriteString("date", date);
            writer.WriteString("timeZone", timeZone);
            writer.WriteString("from", Timestamps.ToWire(from));
            writer.WriteString("to", Timestamps.ToWire(to));
            writer.WriteNumber("count", records.Count);
            writer.WriteStartArray("records");
            foreach (var record in records)
            {
                writer.WriteRawValue(record.Payload, skipInputValidation: false);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
