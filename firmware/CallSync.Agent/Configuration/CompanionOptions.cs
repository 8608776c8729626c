namespace CallSync.Agent.Configuration;

/// <summary>Where the paired mobile connects (Companion:Listen).</summary>
internal sealed record CompanionOptions
{
    /// <summary>Companion:Listen: one entry per transport, at most one RFCOMM and one LE entry; never empty.</summary>
    public required IReadOnlyList<CompanionListenEndPoint> Listen { get; init; }

    /// <summary>Companion:Bluetooth:*: adapter, address type, link security and receive MTU of the Bluetooth entries.</summary>
    public CompanionBluetoothOptions Bluetooth { get; init; } = new();
}
