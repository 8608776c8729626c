namespace CallSync.Media.Codecs;

/// <summary>
/// Thrown when spandsp's G.722 codec cannot be set up (g722_*_init returned NULL: out of memory) or returns a
/// count that contradicts its contract (a mismatched library). Never caused by payload bytes, which all decode;
/// never transient.
/// </summary>
public sealed class G722Exception : Exception
{
    /// <summary>Creates the exception.</summary>
    public G722Exception()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public G722Exception(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public G722Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
