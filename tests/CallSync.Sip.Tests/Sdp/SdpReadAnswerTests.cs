using System.Net.Sockets;
using CallSync.Sdp;
using static CallSync.Sip.Tests.Sdp.SdpTestOffers;

namespace CallSync.Sip.Tests.Sdp;

/// <summary>Reading the answer to our own offer.</summary>
public sealed class SdpReadAnswerTests
{
    private static SdpSessionDescription Answer(string media, string connection = "IN IP4 203.0.113.9") =>
        Parse($"v=0\r\no=peer 5 5 {connection}\r\ns=-\r\nc={connection}\r\nt=0 0\r\n{media}");

    [Fact]
    public void TryReadAnswer_G722WithCnAndEvents_GivesAllPayloadTypes()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local() with { ComfortNoise = true });
        var answer = Answer("m=audio 7078 RTP/AVP 9 13 101\r\na=rtpmap:101 telephone-event/8000\r\na=ptime:30\r\na=maxptime:40\r\na=rtcp:7081\r\n");

        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, answer, out var media, out var error), error);
        Assert.Equal("G722", media!.CodecName);
        Assert.Equal(9, media.PayloadType);
        Assert.Equal(8000, media.ClockRate);
        Assert.Equal(13, media.ComfortNoisePayloadType);
        Assert.Equal(101, media.TelephoneEventPayloadType);
        Assert.Equal(30, media.RemotePtime);
        Assert.Equal(40, media.RemoteMaxPtime);
        Assert.Equal(7081, media.RemoteRtcpPort);
        Assert.Equal(AddressFamily.InterNetwork, media.RemoteAddressFamily);
    }

    [Fact]
    public void TryReadAnswer_CnNotOfferedByUs_IsIgnored()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, Answer("m=audio 7078 RTP/AVP 13 0\r\n"), out var media, out _));

        Assert.Equal("PCMU", media!.CodecName);
        Assert.Null(media.ComfortNoisePayloadType);
    }

    [Fact]
    public void TryReadAnswer_OpusAnswer_HasTypedParameters()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());
        var answer = Answer("m=audio 7078 RTP/AVP 111 102\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 maxplaybackrate=16000;stereo=0\r\na=rtpmap:102 telephone-event/48000\r\n");

        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, answer, out var media, out var error), error);
        Assert.Equal(new SdpOpusParameters { MaxPlaybackRate = 16000, Stereo = false }, media!.Opus);
        Assert.Equal(102, media.TelephoneEventPayloadType);
    }

    [Fact]
    public void TryReadAnswer_Ipv6AnswerToIpv6Offer_GivesTheFamily()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local() with { Address = "2001:db8::10" });

        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, Answer("m=audio 7078 RTP/AVP 0\r\n", "IN IP6 2001:db8::9"), out var media, out var error), error);
        Assert.Equal(AddressFamily.InterNetworkV6, media!.RemoteAddressFamily);
        Assert.Equal("2001:db8::9", media.RemoteAddress);
    }

    [Theory]
    [InlineData("IN IP6 2001:db8::9", "answer: connection IP6 does not match the offered IP4")]
    [InlineData("IN IP4 peer.example.com", "answer: connection address peer.example.com is not a numeric IP4 address")]
    [InlineData("IN IP4 239.1.1.1", "answer: multicast address 239.1.1.1 not supported")]
    public void TryReadAnswer_UnusableConnection_FailsWithReason(string connection, string reason)
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());

        Assert.False(SdpOfferAnswer.TryReadAnswer(offer, Answer("m=audio 7078 RTP/AVP 0\r\n", connection), out var media, out var error));
        Assert.Null(media);
        Assert.Equal(reason, error);
    }

    [Fact]
    public void TryReadAnswer_HoldAddress_DoesNotSend()
    {
        var offer = SdpOfferAnswer.CreateOffer(Local());

        Assert.True(SdpOfferAnswer.TryReadAnswer(offer, Answer("m=audio 7078 RTP/AVP 0\r\n", "IN IP4 0.0.0.0"), out var media, out _));
        Assert.Equal(SdpDirection.RecvOnly, media!.Direction);
    }
}
