using System.Net.Sockets;
using System.Text;
using CallSync.Sdp;
using CallSync.Sip.Tests.Sdp.Grammar;

namespace CallSync.Sip.Tests.Sdp.Corpus;

/// <summary>Offers from other vendors' software: parsed, answered as the agent must, and the answer valid SDP.</summary>
public sealed class ForeignOfferTests
{
    /// <summary>Line-end variants a real peer may send: CRLF, bare LF, and either with blank lines after the body.</summary>
    public static TheoryData<string, string> Offers()
    {
        var data = new TheoryData<string, string>();
        foreach (var offer in ForeignOffers.All)
        {
            data.Add(offer.Peer, "CRLF");
            data.Add(offer.Peer, "LF");
            data.Add(offer.Peer, "CRLF+blank");
            data.Add(offer.Peer, "LF+blank");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Offers))]
    public void CreateAnswer_ForeignOffer_AcceptsTheExpectedStream(string peer, string lineEnds)
    {
        var offer = ForeignOffers.All.Single(o => o.Peer == peer);
        var body = lineEnds switch
        {
            "LF" => offer.Body,
            "CRLF+blank" => offer.Crlf + "\r\n\r\n",
            "LF+blank" => offer.Body + "\n\n",
            _ => offer.Crlf,
        };
        Assert.True(SdpParser.TryParse(Encoding.UTF8.GetBytes(body), out var parsed, out var error), error);

        var answer = SdpOfferAnswer.CreateAnswer(parsed!, ForeignOffers.Local);

        Assert.Null(answer.Refusal);
        var media = answer.Media!;
        Assert.Equal(offer.Codec, media.CodecName);
        Assert.Equal(offer.PayloadType, media.PayloadType);
        Assert.Equal(offer.ClockRate, media.ClockRate);
        Assert.Equal(offer.RemoteAddress, media.RemoteAddress);
        Assert.Equal(offer.Family, media.RemoteAddressFamily);
        Assert.Equal(offer.RemotePort, media.RemotePort);
        Assert.Equal(offer.RemoteRtcpPort, media.RemoteRtcpPort);
        Assert.Equal(offer.TelephoneEvent, media.TelephoneEventPayloadType);
        Assert.Equal(offer.ComfortNoise, media.ComfortNoisePayloadType);
        Assert.Equal(offer.Ptime, media.RemotePtime);
        Assert.Equal(offer.MaxPtime, media.RemoteMaxPtime);
        Assert.Equal(offer.Direction, media.Direction);
        Assert.Equal(offer.Opus, media.Opus);
        Assert.Equal(parsed!.Media.Count, answer.Session.Media.Count);
        Assert.Equal(offer.Rejected, answer.Session.Media.Count(m => m.Port == 0));
    }

    [Theory]
    [MemberData(nameof(Offers))]
    public void CreateAnswer_ForeignOffer_AnswerIsStrictRfc8866(string peer, string lineEnds)
    {
        _ = lineEnds;
        var offer = ForeignOffers.All.Single(o => o.Peer == peer);
        Assert.True(SdpParser.TryParse(offer.Crlf, out var parsed, out _));

        var text = SdpWriter.Write(SdpOfferAnswer.CreateAnswer(parsed!, ForeignOffers.Local).Session);

        Assert.Null(Rfc8866Grammar.Check(text));
        var expected = offer.Family == AddressFamily.InterNetworkV6 ? "IN IP6 2001:db8::10" : "IN IP4 192.0.2.10";
        Assert.Contains($"\r\nc={expected}\r\n", text, StringComparison.Ordinal);
        Assert.StartsWith($"v=0\r\no=desk-a 4242 1 {expected}\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Offers))]
    public void Check_ForeignOfferWithCrlf_IsValidSdp(string peer, string lineEnds)
    {
        _ = lineEnds;

        // The corpus is real-world SDP, not something only our parser takes: the independent grammar agrees.
        Assert.Null(Rfc8866Grammar.Check(ForeignOffers.All.Single(o => o.Peer == peer).Crlf));
    }

    [Fact]
    public void CreateAnswer_Ipv6OfferWithoutIpv6Configured_RefusedWith301()
    {
        var offer = ForeignOffers.All.Single(o => o.Family == AddressFamily.InterNetworkV6);
        Assert.True(SdpParser.TryParse(offer.Crlf, out var parsed, out _));

        var answer = SdpOfferAnswer.CreateAnswer(parsed!, ForeignOffers.Local with { Ipv6Address = null });

        Assert.Null(answer.Media);
        Assert.Equal(SdpRefusal.IncompatibleNetworkAddressFormats, answer.WarningCode);
        Assert.Equal("IPv6 media not configured", answer.Reason);
        Assert.Equal(0, answer.Session.Media[0].Port);
    }

    [Fact]
    public void CreateAnswer_FreeSwitchOfferLocalOrder_TakesG722WithStaticComfortNoise()
    {
        var offer = ForeignOffers.All.Single(o => o.Peer.StartsWith("FreeSWITCH", StringComparison.Ordinal));
        Assert.True(SdpParser.TryParse(offer.Crlf, out var parsed, out _));

        var answer = SdpOfferAnswer.CreateAnswer(parsed!, ForeignOffers.Local, SdpAnswerPolicy.LocalOrder);

        Assert.Equal("G722", answer.Media!.CodecName);
        Assert.Equal(101, answer.Media.TelephoneEventPayloadType);
        Assert.Equal(13, answer.Media.ComfortNoisePayloadType);
        Assert.Equal(8000, answer.Media.ComfortNoiseClockRate);
        Assert.Null(answer.Media.Opus);
        Assert.Equal(["9", "101", "13"], answer.Session.Media[0].Formats);
    }
}
