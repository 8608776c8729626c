namespace CallSync.Records;

/// <summary>
/// Retention of recordings on the phone. Not a configuration section: the agent sets both members from
/// Recording:RetentionDays and Recording:QuotaMegabytes (docs/call-record.md).
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Delivered recordings are deleted this long after the call. Default 7 days. Undelivered ones are never deleted by age.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Disk quota for all recordings; above it delivered files go first (oldest first), then undelivered ones (evicted, with an error and a record flag). Default 2 GiB.</summary>
    public long QuotaBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
