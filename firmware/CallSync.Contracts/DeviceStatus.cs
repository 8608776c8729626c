namespace CallSync.Contracts;

/// <summary>The answer to a status command (in <see cref="CommandReply.Device"/>).</summary>
public sealed record DeviceStatus
{
    /// <summary>Current activity.</summary>
    public required DeviceActivity Activity { get; init; }

    /// <summary>The boot sequence number of the running agent.</summary>
    public long Boot { get; init; }

    /// <summary>Call records committed but not yet acknowledged by the broker.</summary>
    public int PendingRecords { get; init; }

    /// <summary>Recordings not yet confirmed by the companion.</summary>
    public int PendingRecordings { get; init; }
}
