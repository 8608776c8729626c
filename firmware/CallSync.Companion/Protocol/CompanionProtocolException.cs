using CallSync.Companion.Messages;

namespace CallSync.Companion.Protocol;

/// <summary>
/// Thrown when the peer breaks the protocol (bad frame, failed authentication, replay, unexpected message) or
/// refuses us with an Error message. The connection is unusable afterwards; <see cref="Code"/> and the message say why.
/// </summary>
public sealed class CompanionProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CompanionProtocolException(ErrorCode code, string reason, bool fromPeer = false)
        : base(reason)
    {
        Code = code;
        FromPeer = fromPeer;
    }

    /// <summary>Creates the exception with a generic code.</summary>
    public CompanionProtocolException()
        : this(ErrorCode.Internal, "companion protocol error")
    {
    }

    /// <summary>Creates the exception with a generic code.</summary>
    public CompanionProtocolException(string message)
        : this(ErrorCode.Internal, message)
    {
    }

    /// <summary>Creates the exception with a generic code.</summary>
    public CompanionProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCode.Internal;
    }

    /// <summary>The protocol error code.</summary>
    public ErrorCode Code { get; }

    /// <summary>True when the peer sent an Error message; false when we detected the violation.</summary>
    public bool FromPeer { get; }
}
