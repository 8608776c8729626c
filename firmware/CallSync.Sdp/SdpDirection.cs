namespace CallSync.Sdp;

/// <summary>The media direction attribute of RFC 4566 section 6 (sendrecv when absent).</summary>
public enum SdpDirection
{
    /// <summary>Send and receive (the default).</summary>
    SendRecv,

    /// <summary>Send only (the sender puts the other side on hold).</summary>
    SendOnly,

    /// <summary>Receive only.</summary>
    RecvOnly,

    /// <summary>Neither send nor receive.</summary>
    Inactive,
}
