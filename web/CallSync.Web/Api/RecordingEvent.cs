namespace CallSync.Web.Api;

/// <summary>Live: an uploaded recording was stored on the hub.</summary>
public sealed record RecordingEvent(string RecordId, string DeviceId, long Bytes);
