namespace CallSync.Agent.Configuration;

/// <summary>Free space in the data directory.</summary>
internal sealed record StorageOptions
{
    /// <summary>Storage:MinFreeKilobytes, in bytes: below it no new recording starts.</summary>
    public required long MinFreeBytes { get; init; }

    /// <summary>Storage:ReserveKilobytes, in bytes: the reserve file released when the disk is full.</summary>
    public required long ReserveBytes { get; init; }

    /// <summary>Storage:CheckInterval.</summary>
    public required TimeSpan CheckInterval { get; init; }
}
