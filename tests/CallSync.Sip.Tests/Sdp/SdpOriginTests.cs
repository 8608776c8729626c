using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp;

public sealed class SdpOriginTests
{
    private static readonly SdpConnection Address = new("IN", "IP4", "192.0.2.1");

    [Fact]
    public void NewSessionId_ManyDraws_AreNonZero62BitAndDistinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => SdpOrigin.NewSessionId()).ToList();

        Assert.All(ids, id => Assert.InRange(id, 1UL, (1UL << 62) - 1));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(ids, id => id > 1UL << 60);
    }

    [Fact]
    public void SdpLocalMedia_NoSessionIdGiven_DrawsOnePerInstance()
    {
        var a = new SdpLocalMedia { Address = "192.0.2.1", Port = 4000, Codecs = [SdpCodec.Pcmu] };
        var b = a with { Direction = SdpDirection.SendOnly };
        var c = new SdpLocalMedia { Address = "192.0.2.1", Port = 4000, Codecs = [SdpCodec.Pcmu] };

        Assert.NotEqual(0UL, a.SessionId);
        Assert.Equal(a.SessionId, b.SessionId);
        Assert.NotEqual(a.SessionId, c.SessionId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("desk a")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    public void Constructor_UserNameNotNonWsString_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => new SdpOrigin(name, 1, 1, Address));
    }

    [Fact]
    public void ToString_LargestValues_AreDecimalDigits()
    {
        Assert.Equal("- 18446744073709551615 18446744073709551615 IN IP4 192.0.2.1", new SdpOrigin("-", ulong.MaxValue, ulong.MaxValue, Address).ToString());
    }

    [Theory]
    [InlineData("o=desk-a bf0de74 1 IN IP4 192.0.2.1", "sess-id is not a number")]
    [InlineData("o=- -1 1 IN IP4 192.0.2.1", "sess-id is not a number")]
    [InlineData("o=- 18446744073709551616 1 IN IP4 192.0.2.1", "sess-id is not a number")]
    [InlineData("o=- 1 1.0 IN IP4 192.0.2.1", "sess-version is not a number")]
    [InlineData("o=- 1 1 IN IP4", "expected 6 fields")]
    [InlineData("o=- 1 1 I\u0001N IP4 192.0.2.1", "expected 6 fields")]
    public void TryParse_OriginNotNumeric_FailsWithReason(string origin, string reason)
    {
        Assert.False(SdpParser.TryParse($"v=0\r\n{origin}\r\ns=-\r\nt=0 0\r\n", out var sdp, out var error));
        Assert.Null(sdp);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_TwentyDigitSessionId_IsRead()
    {
        Assert.True(SdpParser.TryParse("v=0\r\no=- 18446744073709551615 0 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n", out var sdp, out var error), error);
        Assert.Equal(ulong.MaxValue, sdp!.Origin.SessionId);
    }
}
