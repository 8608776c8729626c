namespace CallSync.Sip.Transport;

/// <summary>The transport protocols the stack speaks (RFC 3261 section 18).</summary>
public enum SipTransportKind
{
    /// <summary>UDP: unreliable, so transactions retransmit.</summary>
    Udp,

    /// <summary>TCP: reliable and stream framed; no retransmission.</summary>
    Tcp,

    /// <summary>TLS over TCP (RFC 3261 section 26): reliable, stream framed, encrypted.</summary>
    Tls,
}
