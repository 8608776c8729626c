namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>How <see cref="L2capCompanionTransport.Listen"/> sets up its LE credit-based channel listener.</summary>
/// <param name="Psm">0x80-0xFF, or 0 to let the kernel choose a free dynamic PSM (read back with getsockname).</param>
/// <param name="Security">Link security demanded before data flows; medium (an encrypted link) or higher.</param>
/// <param name="AddressType">The local adapter's LE address type: public, or random for a static random address.</param>
/// <param name="Adapter">The adapter to bind (<see cref="BluetoothAddress.Any"/>: every adapter).</param>
/// <param name="ReceiveMtu">The largest SDU this side accepts (BT_RCVMTU), at least 23.</param>
public sealed record L2capListenOptions(
    ushort Psm = 0,
    BluetoothSecurity Security = BluetoothSecurity.Medium,
    BluetoothAddressType AddressType = BluetoothAddressType.LePublic,
    BluetoothAddress Adapter = default,
    ushort ReceiveMtu = L2capListenOptions.DefaultReceiveMtu)
{
    /// <summary>
    /// The receive MTU the phone offers: the companion only sends small control messages (acks, pings, dial requests,
    /// at most a few hundred bytes), and a frame larger than an SDU simply spans several.
    /// </summary>
    public const ushort DefaultReceiveMtu = 512;
}
