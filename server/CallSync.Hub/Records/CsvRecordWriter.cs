using System.Globalization;
using System.Text;
using System.Text.Json;
using CallSync.Contracts;
using CallSync.Hub.Storage;

namespace CallSync.Hub.Records;

/// <summary>
/// Call records as CSV (RFC 4180: comma, CRLF, fields with comma, quote or line break quoted, quotes doubled), one
/// header line, one line per record. A text field that a spreadsheet would run as a formula (leading <c>=</c>,
/// <c>@</c>, tab or CR, or a <c>+</c>/<c>-</c> not followed by a number) gets a leading apostrophe.
/// </summary>
internal static class CsvRecordWriter
{
    public const string Header =
        "recordId,deviceId,direction,localNumber,remoteNumber,result,startedAt,answeredAt,endedAt,ringSeconds,talkSeconds,sipStatus,endedBy,codec,lossPercent,jitterMs,mos,recordingBytes\r\n";

    public static void AppendLine(StringBuilder line, StoredCallRecord stored)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(stored);
        CallRecord? record;
        try
        {
            record = JsonSerializer.Deserialize(stored.Payload, CallSyncJsonContext.Default.CallRecord);
        }
        catch (JsonException)
        {
            record = null;
        }

        Field(line, stored.RecordId).Append(',');
        Field(line, stored.DeviceId).Append(',');
        Field(line, stored.Direction).Append(',');
        Field(line, stored.LocalNumber).Append(',');
        Field(line, stored.RemoteNumber).Append(',');
        Field(line, stored.Result).Append(',');
        line.Append(Timestamps.ToWire(stored.StartedAt)).Append(',');
        line.Append(record?.AnsweredAt is { } answered ? Timestamps.ToWire(answered) : string.Empty).Append(',');
        line.Append(record?.EndedAt is { } ended ? Timestamps.ToWire(ended) : string.Empty).Append(',');
        Number(line, record?.RingSeconds).Append(',');
        Number(line, record?.TalkSeconds).Append(',');
        Number(line, record?.SipStatus).Append(',');
        line.Append(record?.EndedBy switch { CallEndedBy.Local => "local", CallEndedBy.Remote => "remote", CallEndedBy.System => "system", _ => string.Empty }).Append(',');
        Field(line, record?.Codec ?? string.Empty).Append(',');
        Number(line, record?.Quality?.LossPercent).Append(',');
        Number(line, record?.Quality?.JitterMs).Append(',');
        Number(line, record?.Quality?.Mos).Append(',');
        Number(line, record?.Recording?.Bytes).Append("\r\n");
    }

    private static StringBuilder Number(StringBuilder line, double? value) =>
        value is { } v ? line.Append(v.ToString("0.###", CultureInfo.InvariantCulture)) : line;

    private static StringBuilder Field(StringBuilder line, string value)
    {
        var risky = value.Length > 0 && (value[0] is '=' or '@' or '\t' or '\r'
            || (value[0] is '+' or '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)));
        if (!risky && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return line.Append(value);
        }

        line.Append('"');
        if (risky)
        {
            line.Append('\'');
        }

        return line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
