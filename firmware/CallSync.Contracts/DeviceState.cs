namespace CallSync.Contracts;

/// <summary>The retained payload of <c>callsync/v1/devices/{deviceId}/state</c>.</summary>
public sealed record DeviceState
{
    /// <summary>Value of <see cref="State"/> while connected.</summary>
    public const string Online = "online";

    /// <summary>Value of <see cref="State"/> after a clean shutdown or as the Last Will.</summary>
    public const string Offline = "offline";

    /// <summary>A warning: the phone's data disk is below its free-space floor (calls go on unrecorded, records are kept).</summary>
    public const string DiskFullWarning = "diskFull";

    /// <summary><see cref="Online"/> or <see cref="Offline"/>.</summary>
    public required string State { get; init; }

    /// <summary>Boot sequence number, persisted on the phone and incremented on every agent start.</summary>
    public long Boot { get; init; }

    /// <summary>When the phone produced the payload (the Last Will carries the connect time).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Conditions the phone wants seen while online (e.g. <see cref="DiskFullWarning"/>); absent when none.</summary>
    public IReadOnlyList<string>? Warnings { get; init; }
}
