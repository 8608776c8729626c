using CallSync.Media.Interop.Opus;

namespace CallSync.Media.Codecs;

/// <summary>
/// Thrown when libopus returns an error code: invalid arguments (a bug) or a corrupt packet handed to the
/// decoder. Never transient.
/// </summary>
public sealed class OpusException : Exception
{
    /// <summary>Creates the exception for a failed native call.</summary>
    public OpusException(string function, int errorCode)
        : base($"{function} failed: {OpusNative.ErrorText(errorCode)} ({errorCode})")
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception with a message.</summary>
    public OpusException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OpusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public OpusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The libopus error code (negative).</summary>
    public int ErrorCode { get; }
}
