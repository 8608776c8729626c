using System.Text.Json;

namespace CallSync.Hub.Api;

/// <summary>A stored call record: the indexed fields, and <see cref="Record"/> = the phone's JSON exactly as received.</summary>
internal sealed record RecordDto(
    string RecordId,
    string DeviceId,
    string Direction,
    string LocalNumber,
    string RemoteNumber,
    string Result,
    DateTimeOffset StartedAt,
    DateTimeOffset ReceivedAt,
    JsonElement Record);
