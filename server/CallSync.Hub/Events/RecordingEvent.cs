namespace CallSync.Hub.Events;

/// <summary>An uploaded recording was verified and stored (<c>event: recording</c>).</summary>
internal sealed record RecordingEvent(string RecordId, string DeviceId, long Bytes);
