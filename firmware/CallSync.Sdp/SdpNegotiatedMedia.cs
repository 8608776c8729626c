using System.Net.Sockets;

namespace CallSync.Sdp;

/// <summary>The agreed audio stream: where to send, what to send, in which direction, and what the peer asked for.</summary>
public sealed record SdpNegotiatedMedia
{
    /// <summary>The peer's RTP address (its c= line): a numeric IPv4 or IPv6 address of <see cref="RemoteAddressFamily"/>.</summary>
    public required string RemoteAddress { get; init; }

    /// <summary>The family of <see cref="RemoteAddress"/> (<c>IN IP4</c> or <c>IN IP6</c>): the socket family to send from.</summary>
    public AddressFamily RemoteAddressFamily { get; init; } = AddressFamily.InterNetwork;

    /// <summary>The peer's RTP port.</summary>
    public required int RemotePort { get; init; }

    /// <summary>The peer's RTCP port from <c>a=rtcp</c> (RFC 3605), or null: then RTCP goes to <see cref="RemotePort"/> + 1.</summary>
    public int? RemoteRtcpPort { get; init; }

    /// <summary>The payload type to send and to expect.</summary>
    public required int PayloadType { get; init; }

    /// <summary>The codec's encoding name.</summary>
    public required string CodecName { get; init; }

    /// <summary>The RTP clock rate of the codec (8000 for G.722, RFC 3551 section 4.5.2; 48000 for Opus).</summary>
    public required int ClockRate { get; init; }

    /// <summary>The channel count of the codec's rtpmap.</summary>
    public int Channels { get; init; } = 1;

    /// <summary>The codec's format parameters from the peer (the text after the payload type), or null.</summary>
    public string? Fmtp { get; init; }

    /// <summary>The peer's Opus parameters (what it wants to receive and what it sends), or null when the codec is not Opus.</summary>
    public SdpOpusParameters? Opus { get; init; }

    /// <summary>The telephone-event payload type both sides agreed at the codec's clock rate, or null for no RFC 4733 DTMF.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>The comfort-noise (RFC 3389) payload type both sides agreed (13 for CN/8000, or a dynamic one), or null.</summary>
    public int? ComfortNoisePayloadType { get; init; }

    /// <summary>The RTP clock rate of <see cref="ComfortNoisePayloadType"/>, or null when there is none.</summary>
    public int? ComfortNoiseClockRate { get; init; }

    /// <summary>What this side does: sendrecv, sendonly (we hold), recvonly (we are held), inactive.</summary>
    public required SdpDirection Direction { get; init; }

    /// <summary>The packet duration the peer wants to receive in milliseconds (<c>a=ptime</c>, else Opus' fmtp), or null.</summary>
    public int? RemotePtime { get; init; }

    /// <summary>
    /// This side's SDES line for the stream: the key and salt it protects what it sends with (a fresh key, never the
    /// peer's); null for plain RTP. Its suite is the one both sides agreed.
    /// </summary>
    public SdpCryptoAttribute? LocalCrypto { get; init; }

    /// <summary>The peer's SDES line: the key and salt of what it sends to us; null for plain RTP.</summary>
    public SdpCryptoAttribute? RemoteCrypto { get; init; }

    /// <summary>True when the stream is SRTP (both keys known).</summary>
    public bool IsEncrypted => LocalCrypto is not null && RemoteCrypto is not null;

    /// <summary>The longest packet duration the peer takes in milliseconds (<c>a=maxptime</c>, else Opus' fmtp), or null.</summary>
    public int? RemoteMaxPtime { get; init; }
}
