namespace CallSync.Hal.Linux.Bluetooth;

/// <summary>
/// Thrown when the system has no usable Bluetooth: the kernel lacks AF_BLUETOOTH / RFCOMM (EAFNOSUPPORT,
/// EPROTONOSUPPORT), there is no adapter (EADDRNOTAVAIL, ENODEV), or access was denied (EACCES, EPERM).
/// Not transient: retrying will not help until the board's Bluetooth is fixed. <see cref="Errno"/> carries the cause.
/// </summary>
public sealed class BluetoothUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BluetoothUnavailableException()
        : base("Bluetooth is not available on this system")
    {
    }

    /// <summary>Creates the exception.</summary>
    public BluetoothUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public BluetoothUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an errno.</summary>
    public BluetoothUnavailableException(string message, int errno)
        : base(message) => Errno = errno;

    /// <summary>The errno behind it (0 when unknown).</summary>
    public int Errno { get; }
}
