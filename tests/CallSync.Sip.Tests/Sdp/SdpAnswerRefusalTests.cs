using System.Net.Sockets;
using CallSync.Sdp;
using static CallSync.Sip.Tests.Sdp.SdpTestOffers;

namespace CallSync.Sip.Tests.Sdp;

/// <summary>Offers that cannot be accepted: each refusal has the RFC 3261 warn-code and a reason a person can act on.</summary>
public sealed class SdpAnswerRefusalTests
{
    [Theory]
    [InlineData("18", "a=rtpmap:18 G729/8000\r\n", SdpRefusal.IncompatibleMediaFormat, "no common codec (offered G729/8000; supported G722/8000, PCMU/8000, PCMA/8000, opus/48000)")]
    [InlineData("96 101", "a=rtpmap:96 iLBC/8000\r\na=rtpmap:101 telephone-event/8000\r\n", SdpRefusal.IncompatibleMediaFormat, "no common codec (offered iLBC/8000; supported G722/8000, PCMU/8000, PCMA/8000, opus/48000)")]
    [InlineData("111", "a=rtpmap:111 opus/48000/1\r\n", SdpRefusal.IncompatibleMediaFormat, "no common codec (offered opus/48000; supported G722/8000, PCMU/8000, PCMA/8000, opus/48000)")]
    public void CreateAnswer_NoCommonCodec_Refuses305WithBothLists(string formats, string attributes, int code, string reason)
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio(formats, attributes), Local());

        Assert.Null(answer.Media);
        Assert.Equal(new SdpRefusal(code, reason), answer.Refusal);
        Assert.Equal(reason, answer.Reason);
        Assert.Equal(code, answer.WarningCode);
        Assert.Equal(0, answer.Session.Media[0].Port);
    }

    [Fact]
    public void CreateAnswer_G722OnlyOfferWithoutG722_Refuses305NamingG722()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("9"), Local(SdpCodec.Pcmu, SdpCodec.Pcma));

        Assert.Equal(SdpRefusal.IncompatibleMediaFormat, answer.WarningCode);
        Assert.StartsWith("no common codec (offered G722/8000;", answer.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IN IP6 2001:db8::1", null, SdpRefusal.IncompatibleNetworkAddressFormats, "IPv6 media not configured")]
    [InlineData("IN IP4 198.51.100.1", "2001:db8::10", SdpRefusal.IncompatibleNetworkAddressFormats, "IPv4 media not configured")]
    [InlineData("IN IP4 pbx.example.com", null, SdpRefusal.IncompatibleNetworkAddressFormats, "connection address pbx.example.com is not a numeric IP4 address")]
    [InlineData("IN IP4 10.1", null, SdpRefusal.IncompatibleNetworkAddressFormats, "connection address 10.1 is not a numeric IP4 address")]
    [InlineData("IN IP6 198.51.100.1", null, SdpRefusal.IncompatibleNetworkAddressFormats, "connection address 198.51.100.1 is not a numeric IP6 address")]
    [InlineData("IN IPX 1.2.3.4", null, SdpRefusal.IncompatibleNetworkAddressFormats, "address type IPX not supported")]
    [InlineData("ATM NSAP 47.0005", null, SdpRefusal.IncompatibleNetworkProtocol, "network type ATM not supported")]
    [InlineData("IN IP4 224.2.17.12/127", null, SdpRefusal.MulticastNotAvailable, "multicast address 224.2.17.12 not supported")]
    [InlineData("IN IP6 ff15::101", null, SdpRefusal.MulticastNotAvailable, "multicast address ff15::101 not supported")]
    public void CreateAnswer_UnusableConnection_RefusesWithReason(string connection, string? localAddress, int code, string reason)
    {
        var local = localAddress is null ? Local() with { Ipv6Address = null } : Local() with { Address = localAddress };

        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", connection: connection), local);

        Assert.Equal(new SdpRefusal(code, reason), answer.Refusal);
    }

    [Fact]
    public void CreateAnswer_NoConnectionAnywhere_Refuses399()
    {
        var offer = Parse("v=0\r\no=peer 1 1 IN IP4 198.51.100.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n");

        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());

        Assert.Equal(new SdpRefusal(SdpRefusal.Miscellaneous, "no connection address (c=) for the audio stream"), answer.Refusal);
    }

    [Fact]
    public void CreateAnswer_SavpWithSrtpOff_Refuses302()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", protocol: "RTP/SAVP"), Local());

        Assert.Equal(new SdpRefusal(SdpRefusal.IncompatibleTransportProtocol, "transport RTP/SAVP not supported: SRTP is off on this phone"), answer.Refusal);
    }

    [Fact]
    public void CreateAnswer_DtlsProfile_Refuses302()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", protocol: "UDP/TLS/RTP/SAVP"), Local() with { Encryption = SdpEncryption.Optional });

        Assert.Equal(new SdpRefusal(SdpRefusal.IncompatibleTransportProtocol, "transport UDP/TLS/RTP/SAVP not supported (RTP/AVP and RTP/SAVP only)"), answer.Refusal);
    }

    [Fact]
    public void CreateAnswer_VideoOnly_Refuses304NamingTheTypes()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n" +
            "m=video 6000 RTP/AVP 99\r\na=rtpmap:99 H264/90000\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n");

        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());

        Assert.Equal(new SdpRefusal(SdpRefusal.MediaTypeNotAvailable, "no audio stream offered (video, application)"), answer.Refusal);
        Assert.All(answer.Session.Media, m => Assert.Equal(0, m.Port));
        Assert.Equal(["webrtc-datachannel"], answer.Session.Media[1].Formats);
    }

    [Fact]
    public void CreateAnswer_NoMediaAtAll_Refuses304()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Parse("v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nt=0 0\r\n"), Local());

        Assert.Equal(new SdpRefusal(SdpRefusal.MediaTypeNotAvailable, "offer has no media stream"), answer.Refusal);
    }

    [Fact]
    public void CreateAnswer_VideoThenUnacceptableAudio_ReportsTheAudioReason()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n" +
            "m=video 6000 RTP/AVP 99\r\nm=audio 5004 RTP/AVP 18\r\n");

        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());

        Assert.Equal(SdpRefusal.IncompatibleMediaFormat, answer.WarningCode);
    }

    [Fact]
    public void CreateAnswer_AudioDisabledByOfferer_Refuses399()
    {
        var offer = Parse("v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n");

        var answer = SdpOfferAnswer.CreateAnswer(offer, Local());

        Assert.Equal(new SdpRefusal(SdpRefusal.Miscellaneous, "audio stream disabled by the offerer (port 0)"), answer.Refusal);
    }

    [Fact]
    public void CreateAnswer_Ipv6OfferWithIpv6Configured_AnswersFromTheIpv6Address()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", connection: "IN IP6 2001:DB8:0:0::1"), Local() with { Ipv6Address = "2001:0db8::0010" });

        Assert.Null(answer.Refusal);
        Assert.Equal(AddressFamily.InterNetworkV6, answer.Media!.RemoteAddressFamily);
        Assert.Equal("2001:DB8:0:0::1", answer.Media.RemoteAddress);
        Assert.Equal(new SdpConnection("IN", "IP6", "2001:db8::10"), answer.Session.Connection);
        Assert.Equal(answer.Session.Connection, answer.Session.Origin.Connection);
    }

    [Fact]
    public void CreateAnswer_Ipv6OfferWhenTheMainAddressIsIpv6_UsesIt()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0", connection: "IN IP6 ::1"), Local() with { Address = "::1" });

        Assert.Equal("::1", answer.Session.Connection!.Address);
        Assert.Equal(AddressFamily.InterNetworkV6, answer.Media!.RemoteAddressFamily);
    }
}
