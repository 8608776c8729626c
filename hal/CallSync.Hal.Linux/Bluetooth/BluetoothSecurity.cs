namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// The link security a channel demands before data flows (<c>BT_SECURITY</c>, <c>struct bt_security.level</c>).
/// The companion protocol authenticates and encrypts on its own; the link level adds Bluetooth pairing beneath it.
/// </summary>
public enum BluetoothSecurity : byte
{
    /// <summary>BT_SECURITY_LOW: no encryption required.</summary>
    Low = 1,

    /// <summary>BT_SECURITY_MEDIUM: an encrypted link (LE "Just Works" pairing is enough).</summary>
    Medium = 2,

    /// <summary>BT_SECURITY_HIGH: an encrypted link with an authenticated (MITM-protected) key.</summary>
    High = 3,

    /// <summary>BT_SECURITY_FIPS: LE Secure Connections with an authenticated key.</summary>
    Fips = 4,
}
