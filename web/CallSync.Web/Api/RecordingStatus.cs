namespace CallSync.Web.Api;

/// <summary>A record's recording on the hub: absent, partial or stored.</summary>
public sealed record RecordingStatus(string RecordId, string State, long Offset, long Size, string Sha256, bool UploadAllowed);
