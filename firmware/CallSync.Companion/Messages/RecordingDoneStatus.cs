namespace CallSync.Companion.Messages;

/// <summary>Status field of RecordingDone.</summary>
public enum RecordingDoneStatus : byte
{
    /// <summary>The SHA-256 of the received file equals the offered one; the phone may mark it delivered.</summary>
    Verified = 0,

    /// <summary>The hash differs; the companion discarded its copy and the phone keeps the recording pending.</summary>
    HashMismatch = 1,
}
