namespace CallSync.Hub.Storage;

/// <summary>
/// A call record as the hub keeps it: the indexed fields plus the phone's JSON <see cref="Payload"/>, stored and
/// returned byte-for-byte as received. <see cref="Security"/> is the record's <c>security</c> (<c>none</c> for records
/// stored before the hub kept it).
/// </summary>
internal sealed record StoredCallRecord(
    string RecordId,
    string DeviceId,
    string Direction,
    string LocalNumber,
    string RemoteNumber,
    string Result,
    DateTimeOffset StartedAt,
    DateTimeOffset ReceivedAt,
    string Payload,
    string Security = "none");
