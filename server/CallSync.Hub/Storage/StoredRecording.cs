namespace CallSync.Hub.Storage;

/// <summary>A recording the hub holds: uploaded by <see cref="UploadedBy"/>, verified against its call record.</summary>
internal sealed record StoredRecording(string RecordId, string DeviceId, string UploadedBy, long Bytes, string Sha256, DateTimeOffset StoredAt);
