namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>The kernel's address types (<c>l2_bdaddr_type</c>, BDADDR_*): Classic, or an LE public / random address.</summary>
public enum BluetoothAddressType : byte
{
    /// <summary>BDADDR_BREDR: Classic (BR/EDR).</summary>
    BrEdr = 0,

    /// <summary>BDADDR_LE_PUBLIC: an LE public (IEEE-assigned) address.</summary>
    LePublic = 1,

    /// <summary>BDADDR_LE_RANDOM: an LE random address (phones use resolvable private addresses).</summary>
    LeRandom = 2,
}
