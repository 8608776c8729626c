using CallSync.Sdp;
using static CallSync.Sip.Tests.Sdp.SdpTestOffers;

namespace CallSync.Sip.Tests.Sdp;

/// <summary>What the media path gets from a negotiation: codec clock, events, comfort noise, Opus parameters, packetisation.</summary>
public sealed class SdpNegotiationDetailTests
{
    [Fact]
    public void CreateOffer_DefaultCodecList_FollowsTheConfiguredOrder()
    {
        var text = SdpWriter.Write(SdpOfferAnswer.CreateOffer(Local() with { ComfortNoise = true }));

        Assert.Contains("m=audio 40000 RTP/AVP 9 0 8 111 101 102 13\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:9 G722/8000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:111 opus/48000/2\r\na=fmtp:111 useinbandfec=1\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:102 telephone-event/48000\r\na=fmtp:102 0-16\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:13 CN/8000\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOffer_ComfortNoiseNotAsked_LeavesCnOut()
    {
        var text = SdpWriter.Write(SdpOfferAnswer.CreateOffer(Local()));

        Assert.DoesNotContain("CN/", text, StringComparison.Ordinal);
        Assert.Contains("m=audio 40000 RTP/AVP 9 0 8 111 101 102\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOffer_OpusOnlyWithComfortNoise_OffersNoCnBecauseOpusHasDtx()
    {
        var text = SdpWriter.Write(SdpOfferAnswer.CreateOffer(Local(SdpCodec.Opus) with { ComfortNoise = true }));

        Assert.Contains("m=audio 40000 RTP/AVP 111 102\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOffer_PayloadTypeTaken_TelephoneEventMovesToAFreeOne()
    {
        var text = SdpWriter.Write(SdpOfferAnswer.CreateOffer(Local(SdpCodec.Pcmu, new SdpCodec("x-test", 8000, 1, 101))));

        Assert.Contains("m=audio 40000 RTP/AVP 0 101 96\r\n", text, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:96 telephone-event/8000\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAnswer_G722_IsClock8000WithEventsAt8000()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("9 101 102", "a=rtpmap:101 telephone-event/8000\r\na=rtpmap:102 telephone-event/16000\r\n"), Local());

        Assert.Equal("G722", answer.Media!.CodecName);
        Assert.Equal(8000, answer.Media.ClockRate);
        Assert.Equal(101, answer.Media.TelephoneEventPayloadType);
        Assert.Equal(["9", "101"], answer.Session.Media[0].Formats);
    }

    [Fact]
    public void CreateAnswer_Opus_TakesTelephoneEventAt48000()
    {
        var answer = SdpOfferAnswer.CreateAnswer(
            Audio("96 100 101", "a=rtpmap:96 opus/48000/2\r\na=rtpmap:100 telephone-event/8000\r\na=rtpmap:101 telephone-event/48000\r\n"), Local());

        Assert.Equal(101, answer.Media!.TelephoneEventPayloadType);
    }

    [Fact]
    public void CreateAnswer_OpusWithEventsOnlyAt8000_HasNoTelephoneEvent()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("96 100", "a=rtpmap:96 opus/48000/2\r\na=rtpmap:100 telephone-event/8000\r\n"), Local());

        Assert.Null(answer.Media!.TelephoneEventPayloadType);
        Assert.Equal(["96"], answer.Session.Media[0].Formats);
    }

    [Theory]
    [InlineData("32-36", false)]
    [InlineData("0-15", true)]
    [InlineData("11,16", true)]
    [InlineData("garbage", true)]
    public void CreateAnswer_TelephoneEventList_AcceptedWhenItHasDtmf(string events, bool accepted)
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0 101", $"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 {events}\r\n"), Local());

        Assert.Equal(accepted ? 101 : null, answer.Media!.TelephoneEventPayloadType);
    }

    [Fact]
    public void CreateAnswer_TelephoneEventDisabledLocally_LeavesItOut()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("0 101", "a=rtpmap:101 telephone-event/8000\r\n"), Local() with { TelephoneEvent = false });

        Assert.Null(answer.Media!.TelephoneEventPayloadType);
        Assert.Equal(["0"], answer.Session.Media[0].Formats);
    }

    [Theory]
    [InlineData("0 13", "", 13, 8000)]
    [InlineData("0 105", "a=rtpmap:105 CN/8000\r\n", 105, 8000)]
    [InlineData("9 13", "", 13, 8000)]
    [InlineData("9 117", "a=rtpmap:117 CN/16000\r\n", 117, 16000)]
    [InlineData("9 117 13", "a=rtpmap:117 CN/16000\r\n", 13, 8000)]
    public void CreateAnswer_ComfortNoiseOffered_TakesItAtTheCodecRate(string formats, string attributes, int payloadType, int clockRate)
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio(formats, attributes), Local() with { ComfortNoise = true });

        Assert.Equal(payloadType, answer.Media!.ComfortNoisePayloadType);
        Assert.Equal(clockRate, answer.Media.ComfortNoiseClockRate);
        Assert.Contains(payloadType.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.Session.Media[0].Formats);
    }

    [Theory]
    [InlineData("0 117", "a=rtpmap:117 CN/16000\r\n", true)]
    [InlineData("96 13", "a=rtpmap:96 opus/48000/2\r\n", true)]
    [InlineData("0 13", "", false)]
    public void CreateAnswer_ComfortNoiseUnusable_LeavesItOut(string formats, string attributes, bool localCn)
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio(formats, attributes), Local() with { ComfortNoise = localCn });

        Assert.Null(answer.Media!.ComfortNoisePayloadType);
        Assert.Null(answer.Media.ComfortNoiseClockRate);
        Assert.Single(answer.Session.Media[0].Formats);
    }

    [Fact]
    public void CreateAnswer_CnListedFirst_IsNotTakenForTheCodec()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("13 0"), Local() with { ComfortNoise = true });

        Assert.Equal("PCMU", answer.Media!.CodecName);
        Assert.Equal(["0", "13"], answer.Session.Media[0].Formats);
    }

    [Fact]
    public void CreateAnswer_OpusFmtp_IsTypedForTheMediaPathAndNotEchoed()
    {
        var answer = SdpOfferAnswer.CreateAnswer(
            Audio("96", "a=rtpmap:96 opus/48000/2\r\na=fmtp:96 maxplaybackrate=24000;stereo=1;sprop-stereo=1;useinbandfec=1;maxaveragebitrate=40000;cbr=1;usedtx=1\r\n"),
            Local());

        Assert.Equal(
            new SdpOpusParameters { MaxPlaybackRate = 24000, Stereo = true, SpropStereo = true, UseInbandFec = true, MaxAverageBitrate = 40000, ConstantBitrate = true, UseDtx = true },
            answer.Media!.Opus);
        Assert.Equal("useinbandfec=1", answer.Session.Media[0].GetFmtp(96));
    }

    [Fact]
    public void CreateAnswer_NonOpusCodec_HasNoOpusParameters()
    {
        Assert.Null(SdpOfferAnswer.CreateAnswer(Audio("0"), Local()).Media!.Opus);
    }

    [Theory]
    [InlineData("a=ptime:30\r\na=maxptime:60\r\n", 30, 60)]
    [InlineData("a=ptime:10.0\r\n", 10, null)]
    [InlineData("", null, null)]
    public void CreateAnswer_PeerPacketisation_IsReported(string attributes, int? ptime, int? maxptime)
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("8", attributes), Local());

        Assert.Equal(ptime, answer.Media!.RemotePtime);
        Assert.Equal(maxptime, answer.Media.RemoteMaxPtime);
    }

    [Fact]
    public void CreateAnswer_OpusPtimeOnlyInFmtp_IsReported()
    {
        var answer = SdpOfferAnswer.CreateAnswer(Audio("96", "a=rtpmap:96 opus/48000/2\r\na=fmtp:96 ptime=40;maxptime=60\r\n"), Local());

        Assert.Equal(40, answer.Media!.RemotePtime);
        Assert.Equal(60, answer.Media.RemoteMaxPtime);
    }

    [Theory]
    [InlineData("a=rtcp:5005\r\n", 5005)]
    [InlineData("a=rtcp:6000 IN IP4 198.51.100.9\r\n", 6000)]
    [InlineData("a=rtcp:0\r\n", null)]
    [InlineData("a=rtcp:x\r\n", null)]
    [InlineData("", null)]
    public void CreateAnswer_RtcpAttribute_GivesTheRtcpPort(string attributes, int? port)
    {
        Assert.Equal(port, SdpOfferAnswer.CreateAnswer(Audio("0", attributes), Local()).Media!.RemoteRtcpPort);
    }

    [Fact]
    public void CreateAnswer_LocalPacketisation_IsWritten()
    {
        var text = SdpWriter.Write(SdpOfferAnswer.CreateAnswer(Audio("0"), Local() with { Ptime = 30, MaxPtime = 60 }).Session);

        Assert.Contains("a=ptime:30\r\na=maxptime:60\r\na=sendrecv\r\n", text, StringComparison.Ordinal);
    }
}
