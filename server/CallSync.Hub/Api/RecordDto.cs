using System.Text.Json;

namespace CallSync.Hub.Api;

/// <summary>
/// A stored call record: the indexed fields, <see cref="Security"/> (none, tls, srtp, tls+srtp), and <see cref="Record"/> =
/// the phone's JSON exactly as received.
/// </summary>
internal sealed record RecordDto(
    string RecordId,
    string DeviceId,
    string Direction,
    string LocalNumber,
    string RemoteNumber,
    string Result,
    DateTimeOffset StartedAt,
    DateTimeOffset ReceivedAt,
    string Security,
    JsonElement Record);
