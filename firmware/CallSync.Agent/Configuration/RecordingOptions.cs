namespace CallSync.Agent.Configuration;

/// <summary>Call recording and the retention of recordings on the phone.</summary>
public sealed record RecordingOptions(bool Enabled, int Bitrate, bool NoticeTone, int RetentionDays, long QuotaBytes);
