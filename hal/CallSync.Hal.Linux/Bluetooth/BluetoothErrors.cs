using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>The one place errno values of the RFCOMM and L2CAP socket calls are translated.</summary>
public static class BluetoothErrors
{
    /// <summary>
    /// "No Bluetooth here" errors (EAFNOSUPPORT, EPROTONOSUPPORT, ESOCKTNOSUPPORT, EADDRNOTAVAIL, ENODEV, EACCES, EPERM)
    /// become <see cref="BluetoothUnavailableException"/>; anything else an <see cref="IOException"/> naming the errno
    /// (and what to check, for the errors a misconfiguration causes).
    /// </summary>
    /// <param name="errno">The errno of the failed call.</param>
    /// <param name="operation">The call, e.g. <c>bind(l2cap:...)</c>.</param>
    /// <param name="protocol">RFCOMM or L2CAP, for the message.</param>
    public static Exception Translate(int errno, string operation, string protocol = "RFCOMM")
    {
        string? unavailable = errno switch
        {
            97 => "the kernel has no AF_BLUETOOTH support (EAFNOSUPPORT)",
            93 or 94 => $"the kernel has no {protocol} support (EPROTONOSUPPORT)",
            99 => "no Bluetooth adapter has that address or is up (EADDRNOTAVAIL)",
            19 => "no Bluetooth adapter (ENODEV)",
            13 or 1 => "access to Bluetooth was denied (needs the bluetooth group or CAP_NET_ADMIN)",
            _ => null,
        };
        if (unavailable is not null)
        {
            return new BluetoothUnavailableException($"Bluetooth is not available on this system: {operation} failed, {unavailable}", errno);
        }

        string hint = errno switch
        {
            98 => "; another program (or a bluetoothd profile) holds that channel or PSM",
            90 => "; the SDU is larger than the peer's receive MTU",
            92 => "; the kernel does not know this socket option (LE credit-based channels need Linux 3.14 or later)",
            22 => "; the address, PSM or channel is not valid for this socket (LE PSMs are 0x80-0xFF)",
            _ => string.Empty,
        };
        return new IOException($"{protocol} {operation} failed: errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}){hint}", errno);
    }
}
