using System.Text;
using CallSync.Sdp;

namespace CallSync.Sip.Tests.Sdp;

public sealed class SdpParserTests
{
    private const string Rfc4566Example =
        "v=0\r\n" +
        "o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\n" +
        "s=SDP Seminar\r\n" +
        "i=A Seminar on the session description protocol\r\n" +
        "c=IN IP4 224.2.17.12/127\r\n" +
        "t=2873397496 2873404696\r\n" +
        "a=recvonly\r\n" +
        "m=audio 49170 RTP/AVP 0\r\n" +
        "m=video 51372 RTP/AVP 99\r\n" +
        "c=IN IP4 192.0.2.7\r\n" +
        "a=rtpmap:99 h263-1998/90000\r\n";

    [Fact]
    public void TryParse_Rfc4566Example_ReadsSessionAndMedia()
    {
        Assert.True(SdpParser.TryParse(Rfc4566Example, out var sdp, out var error), error);
        Assert.Equal("jdoe", sdp!.Origin.UserName);
        Assert.Equal(2890844526UL, sdp.Origin.SessionId);
        Assert.Equal(2890842807UL, sdp.Origin.SessionVersion);
        Assert.Equal("SDP Seminar", sdp.SessionName);
        Assert.Equal("224.2.17.12", sdp.Connection!.Address);
        Assert.Equal(SdpDirection.RecvOnly, sdp.SessionDirection);
        Assert.Equal(2, sdp.Media.Count);
        Assert.Equal("audio", sdp.Media[0].Media);
        Assert.Equal(49170, sdp.Media[0].Port);
        Assert.Equal([0], sdp.Media[0].PayloadTypes);
        Assert.Equal("PCMU", sdp.Media[0].GetRtpMap(0)!.EncodingName);
        Assert.Equal("224.2.17.12", sdp.ConnectionOf(sdp.Media[0])!.Address);
        Assert.Equal("192.0.2.7", sdp.ConnectionOf(sdp.Media[1])!.Address);
        Assert.Equal(SdpDirection.RecvOnly, sdp.DirectionOf(sdp.Media[1]));
        Assert.Equal(new SdpRtpMap(99, "h263-1998", 90000), sdp.Media[1].GetRtpMap(99));
    }

    [Fact]
    public void TryParse_OpusWithFmtpPtimeAndDirection_ReadsAttributes()
    {
        const string body = "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n" +
            "m=audio 4000 RTP/AVP 111 101\na=rtpmap:111 opus/48000/2\na=fmtp:111 minptime=10;useinbandfec=1\n" +
            "a=rtpmap:101 telephone-event/48000\na=fmtp:101 0-16\na=ptime:20\na=maxptime:40\na=sendonly\n";
        Assert.True(SdpParser.TryParse(Encoding.UTF8.GetBytes(body), out var sdp, out var error), error);
        var m = sdp!.Media[0];
        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), m.GetRtpMap(111));
        Assert.Equal("minptime=10;useinbandfec=1", m.GetFmtp(111));
        Assert.Equal("0-16", m.GetFmtp(101));
        Assert.Equal(20, m.Ptime);
        Assert.Equal(40, m.MaxPtime);
        Assert.Equal(SdpDirection.SendOnly, sdp.DirectionOf(m));
    }

    [Theory]
    [InlineData("", "empty SDP")]
    [InlineData("o=- 1 1 IN IP4 1.2.3.4\r\n", "first line must be v=")]
    [InlineData("v=1\r\n", "v=0")]
    [InlineData("v=0\r\ns=-\r\n", "missing o=")]
    [InlineData("v=0\r\no=- 1 x IN IP4 1.2.3.4\r\n", "malformed o=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio notaport RTP/AVP 0\r\n", "malformed m=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nm=audio 70000 RTP/AVP 0\r\n", "malformed m=")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\nc=IN IP4\r\n", "malformed c=")]
    [InlineData("v=0\r\nhello\r\n", "<type>=<value>")]
    public void TryParse_Malformed_ReturnsFalseWithReason(string body, string expectedReason)
    {
        Assert.False(SdpParser.TryParse(body, out var sdp, out var error));
        Assert.Null(sdp);
        Assert.Contains(expectedReason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m=audio 4000 RTP/AVP 0\t8", "malformed m=")]
    [InlineData("m=au\u0001dio 4000 RTP/AVP 0", "malformed m=")]
    [InlineData("m=audio 4000 RTP//AVP 0", "malformed m=")]
    [InlineData("c=IN IP4 1.2.3.4\u007f", "malformed c=")]
    public void TryParse_FieldNotToken_ReturnsFalse(string line, string expectedReason)
    {
        Assert.False(SdpParser.TryParse($"v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\n{line}\r\n", out _, out var error));
        Assert.Contains(expectedReason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AttributeNotNameColonValue_IsSkippedLikeAnUnknownOne()
    {
        const string body = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n" +
            "a=bad name:1\r\na=:x\r\na=empty:\r\na=cr:a\rb\r\na=ptime:30\r\n";

        Assert.True(SdpParser.TryParse(body, out var sdp, out var error), error);
        Assert.Equal([new SdpAttribute("ptime", "30")], sdp!.Media[0].Attributes);
    }

    [Fact]
    public void Write_MediaLevelOtherLines_FollowRfc8866Order()
    {
        const string body = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n" +
            "b=AS:64\r\nc=IN IP4 1.2.3.5\r\ni=the call\r\na=sendrecv\r\n";
        Assert.True(SdpParser.TryParse(body, out var sdp, out _));

        Assert.EndsWith("m=audio 4000 RTP/AVP 0\r\ni=the call\r\nc=IN IP4 1.2.3.5\r\nb=AS:64\r\na=sendrecv\r\n", SdpWriter.Write(sdp!), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_InvalidUtf8_ReturnsFalse()
    {
        Assert.False(SdpParser.TryParse([(byte)'v', (byte)'=', 0xC3, 0x28], out _, out var error));
        Assert.Contains("UTF-8", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        var random = new Random(1234);
        var buffer = new byte[300];
        var seed = Encoding.ASCII.GetBytes(Rfc4566Example);
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            _ = SdpParser.TryParse(buffer.AsSpan(0, random.Next(buffer.Length)), out _, out _);
            var mutated = (byte[])seed.Clone();
            mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            _ = SdpParser.TryParse(mutated.AsSpan(0, random.Next(1, mutated.Length)), out _, out _);
        }
    }

    [Fact]
    public void Write_ParsedExample_RoundTripsToSameText()
    {
        Assert.True(SdpParser.TryParse(Rfc4566Example, out var sdp, out _));
        var written = SdpWriter.Write(sdp!);
        Assert.True(SdpParser.TryParse(written, out var again, out _));
        Assert.Equal(written, SdpWriter.Write(again!));
        Assert.Contains("m=video 51372 RTP/AVP 99\r\nc=IN IP4 192.0.2.7\r\na=rtpmap:99 h263-1998/90000\r\n", written, StringComparison.Ordinal);
        Assert.StartsWith("v=0\r\no=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\ns=SDP Seminar\r\ni=", written, StringComparison.Ordinal);
    }

    [Fact]
    public void TryWrite_SmallBuffer_ReturnsFalse()
    {
        Assert.True(SdpParser.TryParse(Rfc4566Example, out var sdp, out _));
        Assert.False(SdpWriter.TryWrite(sdp!, new byte[10], out _));
        var big = new byte[1024];
        Assert.True(SdpWriter.TryWrite(sdp!, big, out var written));
        Assert.Equal(SdpWriter.Write(sdp!), Encoding.UTF8.GetString(big, 0, written));
    }
}
