namespace CallSync.Agent.Configuration;

/// <summary>Call recording and the retention of recordings on the phone.</summary>
internal sealed record RecordingOptions
{
    /// <summary>Recording:Enabled.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Recording:Bitrate, bit/s of the stereo Opus recording.</summary>
    public required int Bitrate { get; init; }

    /// <summary>Recording:NoticeTone.</summary>
    public required bool NoticeTone { get; init; }

    /// <summary>Recording:RetentionDays: delivered recordings older than this are removed.</summary>
    public required int RetentionDays { get; init; }

    /// <summary>Recording:QuotaMegabytes, in bytes.</summary>
    public required long QuotaBytes { get; init; }
}
