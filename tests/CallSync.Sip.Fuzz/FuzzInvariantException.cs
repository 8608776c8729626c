namespace CallSync.Sip.Fuzz;

/// <summary>Thrown when the codec returns without an exception but breaks one of its promises.</summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FuzzInvariantException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
