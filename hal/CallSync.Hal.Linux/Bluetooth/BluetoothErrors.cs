using System.Runtime.InteropServices;

namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>The one place errno values of the RFCOMM calls are translated.</summary>
public static class BluetoothErrors
{
    /// <summary>
    /// "No Bluetooth here" errors (EAFNOSUPPORT, EPROTONOSUPPORT, ESOCKTNOSUPPORT, EADDRNOTAVAIL, ENODEV, EACCES, EPERM)
    /// become <see cref="BluetoothUnavailableException"/>; anything else an <see cref="IOException"/> naming the errno.
    /// </summary>
    public static Exception Translate(int errno, string operation)
    {
        string? why = errno switch
        {
            97 => "the kernel has no AF_BLUETOOTH support (EAFNOSUPPORT)",
            93 or 94 => "the kernel has no RFCOMM support (EPROTONOSUPPORT)",
            99 => "no Bluetooth adapter has that address or is up (EADDRNOTAVAIL)",
            19 => "no Bluetooth adapter (ENODEV)",
            13 or 1 => "access to Bluetooth was denied (needs the bluetooth group or CAP_NET_ADMIN)",
            _ => null,
        };
        string text = Marshal.GetPInvokeErrorMessage(errno);
        return why is null
            ? new IOException($"RFCOMM {operation} failed: errno {errno} ({text})", errno)
            : new BluetoothUnavailableException($"Bluetooth is not available on this system: {operation} failed, {why}", errno);
    }
}
