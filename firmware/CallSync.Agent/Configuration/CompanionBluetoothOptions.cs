using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Agent.Configuration;

/// <summary>How the Bluetooth entries of Companion:Listen listen (Companion:Bluetooth:*).</summary>
/// <param name="Adapter">The adapter to bind; <see cref="BluetoothAddress.Any"/> (default) for every adapter.</param>
/// <param name="AddressType">The adapter's LE address type, for the <c>ble:</c> entry.</param>
/// <param name="Security">The link security both Bluetooth channels demand.</param>
/// <param name="ReceiveMtu">The LE channel's receive MTU.</param>
internal sealed record CompanionBluetoothOptions(
    BluetoothAddress Adapter = default,
    BluetoothAddressType AddressType = BluetoothAddressType.LePublic,
    BluetoothSecurity Security = BluetoothSecurity.Medium,
    ushort ReceiveMtu = L2capListenOptions.DefaultReceiveMtu);
