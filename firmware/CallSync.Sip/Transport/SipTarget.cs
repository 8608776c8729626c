using System.Net;

namespace CallSync.Sip.Transport;

/// <summary>Where a message goes to or came from: transport plus numeric endpoint.</summary>
/// <param name="Transport">The transport.</param>
/// <param name="EndPoint">The remote address and port.</param>
public sealed record SipTarget(SipTransportKind Transport, IPEndPoint EndPoint)
{
    /// <summary>True for a reliable (stream) transport: no retransmissions, zero-length wait timers.</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    /// <summary>The Via transport token (<c>UDP</c>, <c>TCP</c>).</summary>
    public string ViaTransport => Transport == SipTransportKind.Udp ? "UDP" : "TCP";

    /// <inheritdoc />
    public override string ToString() => $"{ViaTransport.ToLowerInvariant()}:{EndPoint}";
}
