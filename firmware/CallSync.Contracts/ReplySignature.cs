using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CallSync.Contracts;

/// <summary>
/// Signs and verifies <see cref="CommandReply"/>s with the device's provisioning key (<see cref="HmacSignature"/>), so
/// a reply cannot be forged even by someone who can publish on the replies topic. The canonical form lives here only;
/// the phone signs, the hub verifies before it applies anything.
/// </summary>
public static class ReplySignature
{
    /// <summary>First line of the canonical form; a new form gets a new tag.</summary>
    public const string Tag = "callsync-reply-v1";

    /// <summary>
    /// Nine lines joined by LF (0x0A), no trailing LF: <c>callsync-reply-v1</c>, deviceId, commandId, status, reason,
    /// recordId (lower-case UUID), result, the device status as <c>activity boot pendingRecords pendingRecordings</c>
    /// and at (<see cref="Timestamps.Format"/>); an absent value is an empty line. Enumerations appear as their wire
    /// names.
    /// </summary>
    public static string CanonicalForm(CommandReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var sb = new StringBuilder(200);
        sb.Append(Tag).Append('\n')
          .Append(reply.DeviceId).Append('\n')
          .Append(reply.CommandId).Append('\n')
          .Append(WireName(reply.Status, CallSyncJsonContext.Default.ReplyStatus)).Append('\n')
          .Append(reply.Reason).Append('\n')
          .Append(reply.RecordId?.ToString("D")).Append('\n')
          .Append(reply.Result is { } result ? WireName(result, CallSyncJsonContext.Default.CallResult) : null).Append('\n');
        if (reply.Device is { } device)
        {
            sb.Append(WireName(device.Activity, CallSyncJsonContext.Default.DeviceActivity)).Append(' ')
              .Append(device.Boot.ToString(CultureInfo.InvariantCulture)).Append(' ')
              .Append(device.PendingRecords.ToString(CultureInfo.InvariantCulture)).Append(' ')
              .Append(device.PendingRecordings.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append('\n').Append(Timestamps.ToWire(reply.At));
        return sb.ToString();
    }

    /// <summary>Returns a copy of <paramref name="reply"/> with its <see cref="CommandReply.Signature"/> set.</summary>
    public static CommandReply Sign(CommandReply reply, ReadOnlySpan<byte> key)
    {
        ArgumentNullException.ThrowIfNull(reply);
        return reply with { Signature = HmacSignature.Compute(CanonicalForm(reply), key) };
    }

    /// <summary>True when the signature matches under <paramref name="key"/>; false for unsigned replies. Never throws on bad input.</summary>
    public static bool Verify(CommandReply reply, ReadOnlySpan<byte> key) =>
        reply is not null && reply.DeviceId is not null && HmacSignature.Verify(CanonicalForm(reply), reply.Signature, key);

    private static string WireName<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type).Trim('"');
}
