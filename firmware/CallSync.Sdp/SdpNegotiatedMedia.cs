namespace CallSync.Sdp;

/// <summary>The agreed audio stream: where to send, what to send, and in which direction.</summary>
public sealed record SdpNegotiatedMedia
{
    /// <summary>The peer's RTP address (its c= line).</summary>
    public required string RemoteAddress { get; init; }

    /// <summary>The peer's RTP port.</summary>
    public required int RemotePort { get; init; }

    /// <summary>The payload type to send and to expect.</summary>
    public required int PayloadType { get; init; }

    /// <summary>The codec's encoding name.</summary>
    public required string CodecName { get; init; }

    /// <summary>The RTP clock rate of the codec.</summary>
    public required int ClockRate { get; init; }

    /// <summary>The channel count of the codec's rtpmap.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>The codec's format parameters from the peer, or null.</summary>
    public string? Fmtp { get; init; }

    /// <summary>The telephone-event payload type both sides agreed, or null for no RFC 4733 DTMF.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>What this side does: sendrecv, sendonly (we hold), recvonly (we are held), inactive.</summary>
    public required SdpDirection Direction { get; init; }

    /// <summary>The peer's ptime in milliseconds, or null when it gave none.</summary>
    public int? RemotePtime { get; init; }
}
