using System.Net;

namespace CallSync.Media.Session;

/// <summary>Configuration of RTP sessions (section <c>Media</c> of the agent configuration).</summary>
public sealed class RtpMediaSessionOptions
{
    /// <summary>Address the RTP/RTCP sockets bind to. Default: any IPv4 address.</summary>
    public IPAddress LocalAddress { get; set; } = IPAddress.Any;

    /// <summary>First port of the RTP range (even). Default 16384.</summary>
    public int PortRangeStart { get; set; } = 16384;

    /// <summary>Last port of the RTP range (inclusive; RTCP uses port+1). Default 16483.</summary>
    public int PortRangeEnd { get; set; } = 16483;

    /// <summary>Opus target bit rate in bit/s. Default 24000.</summary>
    public int OpusBitrate { get; set; } = 24000;

    /// <summary>Packet loss the Opus in-band FEC is sized for, percent. Default 5.</summary>
    public int OpusExpectedLossPercent { get; set; } = 5;

    /// <summary>RTCP report interval. Default 5 s (RFC 3550 section 6.2 minimum).</summary>
    public TimeSpan RtcpInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Minimum jitter buffer depth. Default 20 ms.</summary>
    public TimeSpan JitterBufferMinimum { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Maximum jitter buffer depth. Default 200 ms.</summary>
    public TimeSpan JitterBufferMaximum { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Symmetric RTP: when false (default) we latch to the source of received packets only when it comes from
    /// the negotiated address's host; when true, to any source (a peer behind NAT that we cannot predict).
    /// </summary>
    public bool LatchToAnySource { get; set; }

    /// <summary>DTMF tone length sent per digit. Default 100 ms.</summary>
    public TimeSpan DtmfDuration { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Mix a short notice beep into both directions when media starts (call recording notice). Default off.</summary>
    public bool NoticeTone { get; set; }

    /// <summary>Notice beep frequency. Default 1400 Hz.</summary>
    public int NoticeToneFrequency { get; set; } = 1400;

    /// <summary>Notice beep length. Default 200 ms.</summary>
    public TimeSpan NoticeToneDuration { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>RTCP CNAME. Default "callsync@" plus the host name is filled in by the session when empty.</summary>
    public string CanonicalName { get; set; } = string.Empty;
}
