namespace CallSync.Companion.Messages;

/// <summary>Why a connection was refused (the <c>code</c> field of an Error message).</summary>
public enum ErrorCode : ushort
{
    /// <summary>No protocol version in common.</summary>
    UnsupportedVersion = 1,

    /// <summary>A frame's length field exceeds 1 MiB.</summary>
    FrameTooLarge = 2,

    /// <summary>A frame or payload could not be parsed.</summary>
    MalformedFrame = 3,

    /// <summary>The message type is not defined in the negotiated version.</summary>
    UnknownMessageType = 4,

    /// <summary>A known message arrived in a state where it is not allowed.</summary>
    UnexpectedMessage = 5,

    /// <summary>The companion id is not paired with this phone.</summary>
    NotPaired = 6,

    /// <summary>A proof of the long-term key did not verify.</summary>
    AuthenticationFailed = 7,

    /// <summary>Pairing was rejected or its confirmation value did not verify.</summary>
    PairingFailed = 8,

    /// <summary>A sealed frame failed AES-GCM authentication (tampered or wrong key).</summary>
    IntegrityFailure = 9,

    /// <summary>A sealed frame's counter was not the next expected one (replayed, reordered or dropped).</summary>
    ReplayDetected = 10,

    /// <summary>The peer did not answer in time.</summary>
    Timeout = 11,

    /// <summary>The phone is shutting down or hit an internal error.</summary>
    Internal = 12,

    /// <summary>The phone already serves its maximum of authenticated sessions of other companions (since protocol 1, phones of 2026-12).</summary>
    Busy = 13,
}
