using System.Net;
using CallSync.Media.Codecs;
using CallSync.Media.Interop.Opus;
using CallSync.Media.Session;

namespace CallSync.Media.Tests.Send;

/// <summary>The peer's Opus fmtp lands in the encoder's settings (read back from libopus).</summary>
public sealed class OpusParametersTests
{
    private static readonly IPEndPoint Remote = new(IPAddress.Loopback, 40000);

    private static int Read(OpusParameters? peer, int request, int expectedLossPercent = 5)
    {
        var options = new RtpMediaSessionOptions { OpusExpectedLossPercent = expectedLossPercent };
        using ActiveMedia media = ActiveMedia.Create(Remote, new MediaCodecChoice(AudioCodec.Opus, 111, null) { Opus = peer }, MediaDirection.SendReceive, 16000, options);
        return ((OpusVoiceEncoder)media.Encoder).Get(request);
    }

    [Fact]
    public void Create_UseInbandFec_FollowsThePeer()
    {
        Assert.Equal(1, Read(new OpusParameters { UseInbandFec = true }, OpusNative.GetInbandFecRequest));
        Assert.Equal(0, Read(new OpusParameters { UseInbandFec = false }, OpusNative.GetInbandFecRequest));
        Assert.Equal(0, Read(new OpusParameters(), OpusNative.GetInbandFecRequest)); // absent means 0 (RFC 7587 6.1)
        Assert.Equal(0, Read(new OpusParameters { UseInbandFec = true }, OpusNative.GetInbandFecRequest, expectedLossPercent: 0));
        Assert.Equal(1, Read(null, OpusNative.GetInbandFecRequest)); // nothing known of the peer: our default
    }

    [Fact]
    public void Create_BitrateDtxCbrAndBandwidth_FollowThePeer()
    {
        var peer = new OpusParameters { MaxAverageBitrate = 12000, UseDtx = true, ConstantBitrate = true, MaxPlaybackRate = 12000 };
        Assert.Equal(12000, Read(peer, OpusNative.GetBitrateRequest));
        Assert.Equal(1, Read(peer, OpusNative.GetDtxRequest));
        Assert.Equal(0, Read(peer, OpusNative.GetVbrRequest));
        Assert.Equal(OpusNative.BandwidthMediumband, Read(peer, OpusNative.GetMaxBandwidthRequest));
        Assert.Equal(24000, Read(new OpusParameters { MaxAverageBitrate = 64000 }, OpusNative.GetBitrateRequest)); // never above ours
    }
}
