namespace CallSync.Hal.Linux.Bluetooth.BlueZ;

/// <summary>What <see cref="BlueZPublisher"/> registers with bluetoothd.</summary>
public sealed record BlueZOptions
{
    /// <summary>The adapter advertising and serving GATT, as BlueZ names it (<c>hci0</c> is <c>/org/bluez/hci0</c>).</summary>
    public string Adapter { get; init; } = "hci0";

    /// <summary>The name in the LE advertisement and the SDP record (BlueZ shortens it when the packet is full).</summary>
    public required string Name { get; init; }

    /// <summary>The LE channel's PSM: advertise and serve the GATT service. Null: no LE transport, neither is registered.</summary>
    public ushort? LePsm { get; init; }

    /// <summary>The RFCOMM channel: register the SDP record. Null: no RFCOMM transport, no record.</summary>
    public byte? RfcommChannel { get; init; }

    /// <summary>Lowest companion protocol version spoken, published in the channel info characteristic.</summary>
    public ushort ProtocolMin { get; init; } = 1;

    /// <summary>Highest companion protocol version spoken.</summary>
    public ushort ProtocolMax { get; init; } = 1;

    /// <summary>Whether Classic connections must be authenticated (encrypted) before the channel opens.</summary>
    public bool RequireAuthentication { get; init; } = true;

    /// <summary>Where our objects live on the bus.</summary>
    public string ObjectRoot { get; init; } = "/com/callsync/companion";

    /// <summary>The adapter's object path.</summary>
    public string AdapterPath => "/org/bluez/" + Adapter;
}
