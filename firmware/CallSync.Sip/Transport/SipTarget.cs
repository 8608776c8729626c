using System.Net;

namespace CallSync.Sip.Transport;

/// <summary>Where a message goes to or came from: transport plus numeric endpoint.</summary>
/// <param name="Transport">The transport.</param>
/// <param name="EndPoint">The remote address and port.</param>
public sealed record SipTarget(SipTransportKind Transport, IPEndPoint EndPoint)
{
    /// <summary>
    /// For TLS: the host name (or address) the server's certificate must be for, i.e. the host of the URI that was
    /// resolved (RFC 5922 section 4), not the address it resolved to; null: the address.
    /// </summary>
    public string? ServerName { get; init; }

    /// <summary>True for a reliable (stream) transport: no retransmissions, zero-length wait timers.</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    /// <summary>The Via transport token (<c>UDP</c>, <c>TCP</c>, <c>TLS</c>).</summary>
    public string ViaTransport => Token(Transport);

    /// <summary>The Via token of <paramref name="transport"/>; lower-cased it is the URI's <c>transport</c> parameter.</summary>
    public static string Token(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        _ => "TLS",
    };

    /// <inheritdoc />
    public override string ToString() => $"{ViaTransport.ToLowerInvariant()}:{EndPoint}";
}
