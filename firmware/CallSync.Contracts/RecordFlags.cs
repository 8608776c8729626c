namespace CallSync.Contracts;

/// <summary>Values of <see cref="CallRecord.Flags"/>.</summary>
public static class RecordFlags
{
    /// <summary>Since the previous record, the disk quota forced eviction of recordings the companion had not yet confirmed.</summary>
    public const string RecordingsEvicted = "recordingsEvicted";

    /// <summary>The recording of this call was cut short.</summary>
    public const string RecordingCutShort = "recordingCutShort";

    /// <summary>This call has no recording (recording disabled or failed to start).</summary>
    public const string NoRecording = "noRecording";

    /// <summary>
    /// The phone's data disk was below its free-space floor during this call or since the previous record: a missing
    /// or truncated recording of this call is due to it (the call itself and its times are as they were).
    /// </summary>
    public const string DiskFull = "diskFull";
}
