namespace CallSync.Recording;

/// <summary>
/// Thrown when libopusenc fails (cannot create the encoder, write fails because the disk is full or the file
/// went away). Not transient: the recording is cut short.
/// </summary>
public sealed class RecordingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RecordingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RecordingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
