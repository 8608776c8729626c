using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp;

/// <summary>Small offers and local configurations shared by the offer/answer tests.</summary>
internal static class SdpTestOffers
{
    public static SdpLocalMedia Local(params SdpCodec[] codecs) => new()
    {
        Address = "192.0.2.10",
        Port = 40000,
        Codecs = codecs.Length == 0 ? [SdpCodec.G722, SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.Opus] : codecs,
        SessionId = 77,
        SessionVersion = 1,
    };

    /// <summary>An offer with one audio stream: <paramref name="media"/> is everything after the m= line's port.</summary>
    public static SdpSessionDescription Audio(string formats, string attributes = "", string connection = "IN IP4 198.51.100.1", string protocol = "RTP/AVP") =>
        Parse($"v=0\r\no=peer 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc={connection}\r\nt=0 0\r\nm=audio 5004 {protocol} {formats}\r\n{attributes}");

    public static SdpSessionDescription Parse(string body)
    {
        Assert.True(SdpParser.TryParse(body, out var sdp, out var error), error);
        return sdp!;
    }
}
