namespace CallSync.Agent.Configuration;

/// <summary>Who this desk phone is and where it keeps its data.</summary>
internal sealed record DeviceOptions
{
    /// <summary>Device:Id, part of the MQTT topics.</summary>
    public required string Id { get; init; }

    /// <summary>Device:Number, the phone's own number.</summary>
    public required string Number { get; init; }

    /// <summary>Device:DataDir, an absolute path.</summary>
    public required string DataDir { get; init; }

    /// <summary>Device:ProvisioningKey (at least 32 bytes), or null: remote commands are refused.</summary>
    public byte[]? ProvisioningKey { get; init; }

    /// <summary>Device:TrimMemoryAfterStart: give back start-up's memory once started.</summary>
    public bool TrimMemoryAfterStart { get; init; } = true;
}
