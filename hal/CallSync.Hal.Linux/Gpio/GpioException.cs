namespace CallSync.Hal.Linux.Gpio;

/// <summary>
/// Thrown when the GPIO character device refuses an operation: the chip does not exist or cannot be opened, the
/// kernel rejects a line request (busy, bad offset, no uAPI v2), or reading or setting values fails.
/// <see cref="Errno"/> carries the cause.
/// </summary>
public sealed class GpioException : IOException
{
    /// <summary>Creates the exception.</summary>
    public GpioException()
        : base("GPIO operation failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GpioException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GpioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an errno.</summary>
    public GpioException(string message, int errno)
        : base(message) => Errno = errno;

    /// <summary>The errno behind it (0 when unknown).</summary>
    public int Errno { get; }
}
