using CallSync.Hub.Storage;

namespace CallSync.Hub.Recordings;

/// <summary>A call record whose recording may be uploaded or played, with what its phone said about the file.</summary>
internal sealed record RecordingTarget(StoredCallRecord Record, long Bytes, string Sha256)
{
    public string RecordId => Record.RecordId;

    public string DeviceId => Record.DeviceId;
}
