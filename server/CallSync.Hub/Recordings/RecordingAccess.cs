namespace CallSync.Hub.Recordings;

/// <summary>Whether a user may upload or play a record's recording; the HTTP layer maps each kind to one status.</summary>
internal enum RecordingAccess
{
    Allowed,
    UnknownRecord,
    NotBound,
    NoRecording,
}
