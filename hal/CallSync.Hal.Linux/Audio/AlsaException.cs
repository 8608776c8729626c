namespace CallSync.Hal.Linux.Audio;

/// <summary>
/// Thrown when alsa-lib refuses an operation: a PCM that cannot be opened (no such device name, the device is
/// busy, access denied), parameters the device does not support, or a stream that failed beyond recovery.
/// <see cref="ErrorCode"/> is the negative errno alsa-lib returned.
/// </summary>
public sealed class AlsaException : IOException
{
    /// <summary>Creates the exception.</summary>
    public AlsaException()
        : base("ALSA operation failed")
    {
    }

    /// <summary>Creates the exception.</summary>
    public AlsaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AlsaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an alsa-lib error code.</summary>
    public AlsaException(string message, int errorCode)
        : base(message) => ErrorCode = errorCode;

    /// <summary>The negative errno alsa-lib returned (0 when unknown).</summary>
    public int ErrorCode { get; }
}
