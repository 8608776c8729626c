using System.Buffers;
using System.Text;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Records;

/// <summary>
/// Turns a <c>devices/{deviceId}/calls</c> payload into a <see cref="StoredCallRecord"/>. Never throws on input:
/// a malformed or foreign record gives false and a reason.
/// </summary>
internal static class CallRecordParser
{
    /// <summary>Largest accepted record; a real one is about 1-2 KB.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The reason given when the payload's <c>deviceId</c> is not the topic's.</summary>
    public const string DeviceMismatch = "deviceId does not match the topic";

    public static bool TryParse(string deviceId, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, out StoredCallRecord? record, out string reason)
    {
        record = null;
        if (payload.Length is 0 or > MaxPayloadBytes)
        {
            reason = "empty or larger than 64 KiB";
            return false;
        }

        var bytes = payload.ToArray();
        CallRecord? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize(bytes, CallSyncJsonContext.Default.CallRecord);
        }
        catch (JsonException ex)
        {
            reason = "not a call record: " + ex.Message;
            return false;
        }

        if (parsed is null || parsed.RecordId == Guid.Empty)
        {
            reason = "no recordId";
            return false;
        }

        if (!string.Equals(parsed.DeviceId, deviceId, StringComparison.Ordinal))
        {
            reason = DeviceMismatch;
            return false;
        }

        record = new StoredCallRecord(
            parsed.RecordId.ToString("D"),
            deviceId,
            RecordFields.Direction(parsed.Direction),
            RecordFields.Number(parsed.LocalNumber),
            RecordFields.Number(parsed.RemoteNumber),
            RecordFields.Result(parsed.Result),
            parsed.StartedAt,
            receivedAt,
            Encoding.UTF8.GetString(bytes),
            RecordFields.Security(parsed.Security));
        reason = string.Empty;
        return true;
    }
}
