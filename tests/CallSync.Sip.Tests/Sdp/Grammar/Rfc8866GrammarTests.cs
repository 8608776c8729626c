namespace CallSync.Sip.Tests.Sdp.Grammar;

/// <summary>The independent checker itself: it takes valid SDP and names what is wrong with invalid SDP.</summary>
public sealed class Rfc8866GrammarTests
{
    private const string Valid =
        "v=0\r\n" +
        "o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\n" +
        "s=Call to John Smith\r\n" +
        "i=SDP Offer #1\r\n" +
        "u=http://www.jdoe.example.com/home.html\r\n" +
        "e=Jane Doe <jane@jdoe.example.com>\r\n" +
        "p=+1 617 555-6011\r\n" +
        "c=IN IP4 198.51.100.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0\r\n" +
        "m=audio 49180 RTP/AVP 0\r\n" +
        "m=video 51372 RTP/AVP 99\r\n" +
        "c=IN IP6 2001:db8::2\r\n" +
        "a=rtpmap:99 h263-1998/90000\r\n";

    [Fact]
    public void Check_Rfc8866SectionFiveExample_IsValid() => Assert.Null(Rfc8866Grammar.Check(Valid));

    [Theory]
    [InlineData("o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1", "o=desk-a bf0de74 1 IN IP4 198.51.100.1", "line 2 does not match origin-field")]
    [InlineData("o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1", "o=jdoe 1 v2 IN IP4 198.51.100.1", "line 2 does not match origin-field")]
    [InlineData("o=jdoe 3724394400 3724394405 IN IP4 198.51.100.1", "o=jdoe 1 1 IN IP4 2001:db8::1", "line 2 does not match origin-field")]
    [InlineData("s=Call to John Smith", "s=", "line 3 does not match session-name-field")]
    [InlineData("c=IN IP4 198.51.100.1", "c=IN IP4 198.51.100.256", "line 8 does not match connection-field")]
    [InlineData("c=IN IP4 198.51.100.1", "c=IN IP6 198.51.100.1", "line 8 does not match connection-field")]
    [InlineData("c=IN IP6 2001:db8::2", "c=IN IP6 2001:db8:::2", "does not match connection-field")]
    [InlineData("t=0 0", "t=0", "line 9 does not match time-field")]
    [InlineData("m=audio 49170 RTP/AVP 0", "m=audio 49170 RTP/AVP", "line 10 does not match media-field")]
    [InlineData("m=audio 49170 RTP/AVP 0", "m=audio  49170 RTP/AVP 0", "line 10 does not match media-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=rtpmap:99 h263-1998", "does not match attribute-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=ptime:0", "does not match attribute-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=ptime:20ms", "does not match attribute-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=sendrecv:1", "does not match attribute-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=fmtp:99", "does not match attribute-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=rtcp:port", "does not match attribute-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=x y:1", "does not match attribute-field")]
    [InlineData("a=rtpmap:99 h263-1998/90000", "a=", "line 14 does not match attribute-field")]
    [InlineData("v=0", "v=1", "line 1 does not match version-field")]
    [InlineData("t=0 0", "t=0 0\r\nx=1", "not a known field")]
    public void Check_OneLineBroken_NamesTheLine(string line, string replacement, string expected)
    {
        var message = Rfc8866Grammar.Check(Valid.Replace(line, replacement, StringComparison.Ordinal));

        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c=IN IP4 198.51.100.1\r\nt=0 0\r\n", "t=0 0\r\nc=IN IP4 198.51.100.1\r\n")]
    [InlineData("s=Call to John Smith\r\ni=SDP Offer #1\r\n", "i=SDP Offer #1\r\ns=Call to John Smith\r\n")]
    [InlineData("c=IN IP6 2001:db8::2\r\na=rtpmap:99 h263-1998/90000\r\n", "a=rtpmap:99 h263-1998/90000\r\nc=IN IP6 2001:db8::2\r\n")]
    [InlineData("t=0 0\r\n", "")]
    public void Check_FieldsOutOfOrderOrMissing_ReportsTheOrder(string part, string replacement)
    {
        var message = Rfc8866Grammar.Check(Valid.Replace(part, replacement, StringComparison.Ordinal));

        Assert.Equal("every line is valid but the field order or count is not (session-description)", message);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    public void Check_LineEndsOtherThanCrlf_AreRejected(string extra)
    {
        var text = extra == "\n" ? Valid.Replace("\r\n", "\n", StringComparison.Ordinal) : Valid + extra;

        Assert.NotNull(Rfc8866Grammar.Check(text));
    }

    [Theory]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("2001:db8::10")]
    [InlineData("fe80::1:2:3:4")]
    [InlineData("1:2:3:4:5:6:7:8")]
    [InlineData("::ffff:192.0.2.1")]
    public void Ip6Address_Rfc3986Forms_Match(string address) => Assert.True(Rfc8866Grammar.Ip6Address.Matches(address));

    [Theory]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1::2::3")]
    [InlineData("12345::1")]
    [InlineData("[::1]")]
    [InlineData("::1%eth0")]
    public void Ip6Address_Malformed_DoesNotMatch(string address) => Assert.False(Rfc8866Grammar.Ip6Address.Matches(address));

    [Theory]
    [InlineData("useinbandfec=1", true)]
    [InlineData("maxplaybackrate=16000;sprop-maxcapturerate=16000;stereo=0;useinbandfec=1", true)]
    [InlineData("useinbandfec=2", false)]
    [InlineData("useinbandfec=1;", false)]
    [InlineData("foo=1", false)]
    public void OpusParameters_Rfc7587List_MatchesOnlyValidLists(string fmtp, bool valid) =>
        Assert.Equal(valid, SdpAttributeGrammar.OpusParameters.Matches(fmtp));

    [Theory]
    [InlineData("0-16", true)]
    [InlineData("0-15,32,36-40", true)]
    [InlineData("0-", false)]
    [InlineData("0-15,", false)]
    public void EventList_Rfc4733_MatchesOnlyValidLists(string events, bool valid) =>
        Assert.Equal(valid, SdpAttributeGrammar.EventList.Matches(events));
}
