using System.Net;

namespace CallSync.Agent.Configuration;

/// <summary>Where media flows and how.</summary>
internal sealed record RtpOptions
{
    /// <summary>Rtp:Address, the IPv4 address media is bound to and announced in SDP.</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Rtp:Address6, the IPv6 address announced for media (media then binds dual-stack), or null: IPv6 offers are refused with 488.</summary>
    public IPAddress? Address6 { get; init; }

    /// <summary>Rtp:PortMin, the lowest RTP port.</summary>
    public required int PortMin { get; init; }

    /// <summary>Rtp:PortMax, the highest RTP port (above <see cref="PortMin"/>).</summary>
    public required int PortMax { get; init; }

    /// <summary>Rtp:InactivityTimeout: a talking call without any RTP or RTCP from the peer for this long is ended; <see cref="TimeSpan.Zero"/>: never.</summary>
    public TimeSpan InactivityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Rtp:Encryption, SRTP with SDES keys: off, optional, required.</summary>
    public MediaEncryption Encryption { get; init; }

    /// <summary>Rtp:AllowSdesOverPlainSip: send SDES keys in SDP over unencrypted SIP (unsafe; calls are then recorded as <c>srtp</c>).</summary>
    public bool AllowSdesOverPlainSip { get; init; }
}
