using System.Net.Sockets;
using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp.Corpus;

/// <summary>
/// An offer written the way a given peer writes them, and what answering it with <see cref="ForeignOffers.Local"/>
/// must give. The bodies are LF-separated here and sent with CRLF unless a test says otherwise.
/// </summary>
internal sealed record ForeignOffer(string Peer, string Body)
{
    public required string Codec { get; init; }

    public required int PayloadType { get; init; }

    public required int ClockRate { get; init; }

    public required string RemoteAddress { get; init; }

    public required int RemotePort { get; init; }

    public AddressFamily Family { get; init; } = AddressFamily.InterNetwork;

    public int? RemoteRtcpPort { get; init; }

    public int? TelephoneEvent { get; init; }

    public int? ComfortNoise { get; init; }

    public int? Ptime { get; init; }

    public int? MaxPtime { get; init; }

    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    public SdpOpusParameters? Opus { get; init; }

    /// <summary>How many offered streams the answer rejects with port 0.</summary>
    public int Rejected { get; init; }

    /// <summary>The offer with CRLF line ends.</summary>
    public string Crlf => Body.Replace("\n", "\r\n", StringComparison.Ordinal);

    public override string ToString() => Peer;
}
