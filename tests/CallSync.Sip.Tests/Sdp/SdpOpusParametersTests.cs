using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp;

public sealed class SdpOpusParametersTests
{
    [Fact]
    public void FromFmtp_EveryRfc7587Parameter_IsRead()
    {
        var p = SdpOpusParameters.FromFmtp(
            "maxplaybackrate=16000;sprop-maxcapturerate=8000;maxaveragebitrate=24000;stereo=1;sprop-stereo=0;cbr=1;useinbandfec=1;usedtx=0;minptime=10;ptime=20;maxptime=60");

        Assert.Equal(
            new SdpOpusParameters
            {
                MaxPlaybackRate = 16000, SpropMaxCaptureRate = 8000, MaxAverageBitrate = 24000, Stereo = true, SpropStereo = false,
                ConstantBitrate = true, UseInbandFec = true, UseDtx = false, MinPtime = 10, Ptime = 20, MaxPtime = 60,
            },
            p);
    }

    [Fact]
    public void FromFmtp_SpacesAndUpperCaseNames_AreTolerated()
    {
        var p = SdpOpusParameters.FromFmtp(" useinbandfec=1; MaxPlaybackRate = 24000 ;stereo=0 ");

        Assert.Equal(new SdpOpusParameters { UseInbandFec = true, MaxPlaybackRate = 24000, Stereo = false }, p);
    }

    [Theory]
    [InlineData("maxplaybackrate=7999")]
    [InlineData("maxplaybackrate=48001")]
    [InlineData("maxaveragebitrate=5999")]
    [InlineData("maxaveragebitrate=510001")]
    [InlineData("stereo=2")]
    [InlineData("useinbandfec=yes")]
    [InlineData("ptime=0")]
    [InlineData("maxptime=-20")]
    [InlineData("foo=1;bar")]
    [InlineData(";;=;")]
    [InlineData("")]
    [InlineData(null)]
    public void FromFmtp_InvalidOrUnknown_ReadsAsAbsent(string? fmtp)
    {
        Assert.Equal(new SdpOpusParameters(), SdpOpusParameters.FromFmtp(fmtp));
    }

    [Fact]
    public void ToFmtp_AllSet_RoundTrips()
    {
        var p = new SdpOpusParameters { MaxPlaybackRate = 16000, Stereo = false, UseInbandFec = true, UseDtx = true, MaxAverageBitrate = 20000 };

        Assert.Equal("maxplaybackrate=16000;maxaveragebitrate=20000;stereo=0;useinbandfec=1;usedtx=1", p.ToFmtp());
        Assert.Equal(p, SdpOpusParameters.FromFmtp(p.ToFmtp()));
    }

    [Fact]
    public void ToFmtp_NothingSet_IsNull() => Assert.Null(new SdpOpusParameters().ToFmtp());
}
