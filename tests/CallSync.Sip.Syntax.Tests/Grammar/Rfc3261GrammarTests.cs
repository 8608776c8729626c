namespace CallSync.Sip.Syntax.Tests.Grammar;

/// <summary>The independent RFC 3261 checker itself: real-world header lines pass, each kind of slip is caught.</summary>
public sealed class Rfc3261GrammarTests
{
    [Theory]
    [InlineData("Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds")]
    [InlineData("Via: SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3-111;received=2001:db8::9:255;rport=5060")]
    [InlineData("v: SIP/2.0/TCP 192.0.2.1 ; branch = z9hG4bK1, SIP/2.0/UDP proxy.example.com:5070;branch=z9hG4bK2;ttl=16;maddr=224.2.0.1")]
    [InlineData("From: Alice Smith <sip:alice@atlanta.com>;tag=1928301774")]
    [InlineData("From: \"Bob \\\"B\\\" Biloxi\" <sip:bob@biloxi.com>;tag=a6c85cf")]
    [InlineData("To: sip:+12125551212@phone2net.com;tag=887s")]
    [InlineData("To: <tel:+1-212-555-1212;phone-context=+1>")]
    [InlineData("Contact: *")]
    [InlineData("Contact: <sip:alice@pc33.atlanta.com>;expires=3600;q=0.7, \"Mr. Watson\" <mailto:watson@bell-telephone.com>;q=0.1")]
    [InlineData("Route: <sip:bigbox3.site3.atlanta.com;lr>, <sip:server10.biloxi.com;lr>")]
    [InlineData("Record-Route: <sip:[2001:db8::5]:5062;transport=tcp;lr>")]
    [InlineData("CSeq: 4711 INVITE")]
    [InlineData("Call-ID: a84b4c76e66710@pc33.atlanta.com")]
    [InlineData("Warning: 307 isi.edu \"Session parameter 'foo' not understood\", 301 [2001:db8::1]:5060 \"Incompatible network address type 'E.164'\"")]
    [InlineData("Allow: INVITE, ACK, OPTIONS, CANCEL, BYE")]
    [InlineData("Allow:")]
    [InlineData("Supported: replaces, timer")]
    [InlineData("User-Agent: Softphone Beta1.5 (built for a test)")]
    [InlineData("Session-Expires: 1800;refresher=uac")]
    [InlineData("X-Anything: free text; with \"quotes\" and <brackets>")]
    public void CheckHeader_ValidLines_Pass(string line) => Assert.Null(Rfc3261Grammar.CheckHeader(line));

    [Theory]
    [InlineData("Via: SIP/2.0/UDP 2001:db8::1;branch=z9hG4bK1", "Via")]
    [InlineData("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;received=[2001:db8::1]", "Via")]
    [InlineData("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1;received=fe80::1%eth0", "Via")]
    [InlineData("Via: SIP/2.0/UDP 192.0.2.1;branch=\"z9hG4bK1\"", "Via")]
    [InlineData("Via: SIP/2.0/UDP 192.0.2.1;rport=x", "Via")]
    [InlineData("From: Alice \"A\" <sip:alice@atlanta.com>;tag=1", "From")]
    [InlineData("From: \"bell\u0007\" <sip:alice@atlanta.com>", "From")]
    [InlineData("From: <sip:alice@2001:db8::1>", "From")]
    [InlineData("From: <sip:alice@atlanta.com>;tag=a b", "From")]
    [InlineData("To: <sip:bob smith@biloxi.com>", "To")]
    [InlineData("Contact: <sip:alice@atlanta.com>;x=two words", "Contact")]
    [InlineData("Contact: <sip:bob@example.com?subject=a&b>", "Contact")]
    [InlineData("Contact: <sip:bob@example.com;x=50%>", "Contact")]
    [InlineData("Route: sip:bigbox3.site3.atlanta.com;lr", "Route")]
    [InlineData("CSeq: 1INVITE", "CSeq")]
    [InlineData("CSeq: 1 IN VITE", "CSeq")]
    [InlineData("Warning: 399 host unquoted text", "Warning")]
    [InlineData("Warning: 39 host \"text\"", "Warning")]
    [InlineData("Warning: 399 2001:db8::1 \"text\"", "Warning")]
    [InlineData("Allow: INVITE,, ACK", "Allow")]
    [InlineData("Supported: replaces timer", "Supported")]
    public void CheckHeader_Slips_AreNamed(string line, string rule)
    {
        var problem = Rfc3261Grammar.CheckHeader(line);

        Assert.NotNull(problem);
        Assert.Contains($"does not match {rule} ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SIP/2.0 488 Not Acceptable Here\r\n", true)]
    [InlineData("SIP/2.0 200 \r\n", true)]
    [InlineData("SIP/2.0 480 Temporarily %22Unavailable%22\r\n", true)]
    [InlineData("SIP/2.0 480 Peer said \"busy\"\r\n", false)]
    [InlineData("SIP/2.0 500 100% sure\r\n", false)]
    [InlineData("SIP/2.0 20 OK\r\n", false)]
    public void StatusLine_ReasonPhrase_FollowsTheGrammar(string line, bool valid) => Assert.Equal(valid, Rfc3261Grammar.StatusLine.Matches(line));

    [Theory]
    [InlineData("INVITE sip:bob@biloxi.com SIP/2.0\r\n", true)]
    [InlineData("OPTIONS sips:[2001:db8::1]:5061;transport=tls SIP/2.0\r\n", true)]
    [InlineData("INVITE tel:+12125551212 SIP/2.0\r\n", true)]
    [InlineData("INVITE sip:bob@2001:db8::1 SIP/2.0\r\n", false)]
    [InlineData("INVITE  sip:bob@biloxi.com SIP/2.0\r\n", false)]
    public void RequestLine_Uri_FollowsTheGrammar(string line, bool valid) => Assert.Equal(valid, Rfc3261Grammar.RequestLine.Matches(line));

    [Fact]
    public void CheckMessage_NoBlankLine_IsReported() =>
        Assert.Equal("no empty line after the headers", Rfc3261Grammar.CheckMessage("INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INVITE\r\n"));
}
