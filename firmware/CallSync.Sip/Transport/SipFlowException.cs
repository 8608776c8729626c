namespace CallSync.Sip.Transport;

/// <summary>
/// A connection (flow) to a peer could not be opened or was refused: TCP connect failed, or the TLS handshake or the
/// peer's certificate was refused. The message is one line that says why, fit for the log and the status.
/// </summary>
public sealed class SipFlowException : Exception
{
    /// <summary>Creates the exception with its one-line reason.</summary>
    public SipFlowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line reason and cause.</summary>
    public SipFlowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a reason (prefer a constructor with one).</summary>
    public SipFlowException()
    {
    }
}
