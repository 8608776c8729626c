using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp;

public sealed class SdpOfferAnswerTests
{
    private static SdpLocalMedia Local(SdpDirection direction = SdpDirection.SendRecv, params SdpCodec[] codecs) => new()
    {
        Address = "192.0.2.10",
        Port = 40000,
        Codecs = codecs.Length == 0 ? [SdpCodec.Opus, SdpCodec.Pcmu, SdpCodec.Pcma] : codecs,
        Direction = direction,
        SessionId = 77,
        SessionVersion = 1,
    };

    private static SdpSessionDescription Parse(string body)
    {
        Assert.True(SdpParser.TryParse(body, out var sdp, out var error), error);
        return sdp!;
    }

    private static string Offer(string formats, string extra, string direction = "sendrecv", string address = "198.51.100.1") =>
        $"v=0\r\no=peer 1 1 IN IP4 {address}\r\ns=-\r\nc=IN IP4 {address}\r\nt=0 0\r\nm=audio 5004 RTP/AVP {formats}\r\n{extra}a={direction}\r\n";

    [Fact]
    public void CreateOffer_DefaultCodecs_ListsOpusPcmuPcmaAndTelephoneEvents()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var text = SdpWriter.Write(offer);
        Assert.Contains("m=audio 40000 RTP/AVP 111 0 8 102 101\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:111 opus/48000/2\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=ptime:20\r\na=sendrecv\r\n", text, StringComparison.Ordinal);
        Assert.Contains("c=IN IP4 192.0.2.10\r\n", text, StringComparison.Ordinal);
        Assert.True(SdpParser.TryParse(text, out _, out _));
    }

    [Fact]
    public void CreateAnswer_OfferOrder_PicksFirstOfferedSupportedCodecAndKeepsPayloadTypes()
    {
        var offer = Parse(Offer("18 8 0 96", "a=rtpmap:96 telephone-event/8000\r\na=fmtp:96 0-15\r\na=ptime:30\r\n"));
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());
        Assert.NotNull(answer.Media);
        Assert.Equal("PCMA", answer.Media!.CodecName);
        Assert.Equal(8, answer.Media.PayloadType);
        Assert.Equal(96, answer.Media.TelephoneEventPayloadType);
        Assert.Equal("198.51.100.1", answer.Media.RemoteAddress);
        Assert.Equal(5004, answer.Media.RemotePort);
        Assert.Equal(30, answer.Media.RemotePtime);
        Assert.Equal(SdpDirection.SendRecv, answer.Media.Direction);
        var m = answer.Session.Media[0];
        Assert.Equal(["8", "96"], m.Formats);
        Assert.Equal("0-16", m.GetFmtp(96)); // what we receive (RFC 4733 7.1.1), not an echo of the offer
        Assert.Equal(40000, m.Port);
    }

    [Fact]
    public void CreateAnswer_LocalOrder_PicksOurPreferredCodec()
    {
        var offer = Parse(Offer("8 0", string.Empty));
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local(), SdpAnswerPolicy.LocalOrder);
        Assert.Equal("PCMU", answer.Media!.CodecName);
        Assert.Equal(0, answer.Media.PayloadType);
    }

    [Fact]
    public void CreateAnswer_OpusOffered_MatchesOpus48000Stereo()
    {
        var offer = Parse(Offer("109 0", "a=rtpmap:109 OPUS/48000/2\r\na=fmtp:109 useinbandfec=1\r\n"));
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());
        Assert.Equal(109, answer.Media!.PayloadType);
        Assert.Equal(48000, answer.Media.ClockRate);
        Assert.Equal(2, answer.Media.Channels);
        Assert.Null(answer.Media.TelephoneEventPayloadType);
    }

    [Theory]
    [InlineData("sendrecv", SdpDirection.SendRecv, "sendrecv", SdpDirection.SendRecv)]
    [InlineData("sendonly", SdpDirection.SendRecv, "recvonly", SdpDirection.RecvOnly)]
    [InlineData("recvonly", SdpDirection.SendRecv, "sendonly", SdpDirection.SendOnly)]
    [InlineData("inactive", SdpDirection.SendRecv, "inactive", SdpDirection.Inactive)]
    [InlineData("sendrecv", SdpDirection.SendOnly, "sendonly", SdpDirection.SendOnly)]
    [InlineData("sendonly", SdpDirection.SendOnly, "inactive", SdpDirection.Inactive)]
    public void CreateAnswer_OfferedDirection_MirrorsDirection(string offered, SdpDirection local, string expectedAttribute, SdpDirection expected)
    {
        var offer = Parse(Offer("0", string.Empty, offered));
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local(local));
        Assert.Equal(expected, answer.Media!.Direction);
        Assert.Contains($"a={expectedAttribute}\r\n", SdpWriter.Write(answer.Session), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_NoCommonCodec_RejectsWithPortZero()
    {
        var offer = Parse(Offer("18", string.Empty));
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());
        Assert.Null(answer.Media);
        Assert.Equal(SdpRefusal.IncompatibleMediaFormat, answer.WarningCode);
        Assert.Equal("no common codec (offered G729/8000; supported opus/48000, PCMU/8000, PCMA/8000)", answer.Reason);
        Assert.Equal(0, answer.Session.Media[0].Port);
        Assert.Contains("m=audio 0 RTP/AVP 18\r\n", SdpWriter.Write(answer.Session), StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_VideoAndAudio_RejectsVideoAcceptsAudio()
    {
        var body = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n" +
            "m=video 6000 RTP/AVP 99\r\na=rtpmap:99 H264/90000\r\nm=audio 5004 RTP/AVP 0\r\nc=IN IP4 198.51.100.2\r\n";
        var answer = SdpOfferAnswer.CreateAnswer(Parse(body), Local());
        Assert.Equal(2, answer.Session.Media.Count);
        Assert.Equal(0, answer.Session.Media[0].Port);
        Assert.Equal(40000, answer.Session.Media[1].Port);
        Assert.Equal("198.51.100.2", answer.Media!.RemoteAddress);
    }

    [Fact]
    public void CreateAnswer_SavpProfile_Rejected()
    {
        var offer = Parse(Offer("0", string.Empty).Replace("RTP/AVP", "RTP/SAVP", StringComparison.Ordinal));
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());
        Assert.Null(answer.Media);
        Assert.Contains("RTP/SAVP", answer.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_HoldAddressZero_DoesNotSend()
    {
        var offer = Parse(Offer("0", string.Empty, "sendrecv", "0.0.0.0"));
        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());
        Assert.Equal(SdpDirection.RecvOnly, answer.Media!.Direction);
    }

    [Fact]
    public void TryReadAnswer_PeerAnswersPcmu_ReturnsNegotiatedMedia()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var answer = Parse("v=0\r\no=peer 5 5 IN IP4 203.0.113.9\r\ns=-\r\nc=IN IP4 203.0.113.9\r\nt=0 0\r\n" +
            "m=audio 7078 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=recvonly\r\n");
        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, answer, out var media, out var error), error);
        Assert.Equal("PCMU", media!.CodecName);
        Assert.Equal(0, media.PayloadType);
        Assert.Equal(101, media.TelephoneEventPayloadType);
        Assert.Equal(7078, media.RemotePort);
        Assert.Equal("203.0.113.9", media.RemoteAddress);
        Assert.Equal(SdpDirection.SendOnly, media.Direction);
    }

    [Fact]
    public void TryReadAnswer_StreamRejected_ReturnsFalse()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var answer = Parse("v=0\r\no=peer 5 5 IN IP4 203.0.113.9\r\ns=-\r\nc=IN IP4 203.0.113.9\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n");
        Assert.False(SdpOfferAnswer.TryReadAnswer(offer, answer, out var media, out var error));
        Assert.Null(media);
        Assert.NotNull(error);
    }

    [Fact]
    public void TryReadAnswer_CodecNotOffered_ReturnsFalse()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local(SdpDirection.SendRecv, SdpCodec.Pcmu));
        var answer = Parse("v=0\r\no=peer 5 5 IN IP4 203.0.113.9\r\ns=-\r\nc=IN IP4 203.0.113.9\r\nt=0 0\r\nm=audio 7078 RTP/AVP 18\r\n");
        Assert.False(SdpOfferAnswer.TryReadAnswer(offer, answer, out _, out _));
    }
}
