namespace CallSync.Media.Session;

/// <summary>The negotiated media direction (RFC 3264 section 5.1) from this side's point of view.</summary>
public enum MediaDirection
{
    /// <summary>Send and receive.</summary>
    SendReceive,

    /// <summary>Send only (we hold the remote party's audio out, e.g. remote put us on hold).</summary>
    SendOnly,

    /// <summary>Receive only (we are holding: nothing is sent).</summary>
    ReceiveOnly,

    /// <summary>Neither direction.</summary>
    Inactive,
}
