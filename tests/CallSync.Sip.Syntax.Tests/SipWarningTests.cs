namespace CallSync.Sip.Syntax.Tests;

public sealed class SipWarningTests
{
    [Theory]
    [InlineData(305, "192.0.2.10", "no common codec", "305 192.0.2.10 \"no common codec\"")]
    [InlineData(301, "2001:db8::10", "IPv6 media not configured", "301 [2001:db8::10] \"IPv6 media not configured\"")]
    [InlineData(301, "fe80::1%2", "x", "301 [fe80::1] \"x\"")]
    [InlineData(399, "callsync", "say \"hi\" \\o/", "399 callsync \"say \\\"hi\\\" \\\\o/\"")]
    [InlineData(399, "host", "two\r\nlines", "399 host \"two  lines\"")]
    public void ToString_Value_IsCodeAgentQuotedText(int code, string agent, string text, string expected)
    {
        Assert.Equal(expected, new SipWarning(code, agent, text).ToString());
    }

    [Theory]
    [InlineData(99)]
    [InlineData(1000)]
    public void Constructor_CodeNotThreeDigits_Throws(int code)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SipWarning(code, "host", "text"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("host:port")]
    [InlineData("<sip:x>")]
    public void Constructor_AgentNeitherHostPortNorToken_Throws(string agent)
    {
        Assert.Throws<ArgumentException>(() => new SipWarning(399, agent, "text"));
    }

    [Fact]
    public void Warnings_PeerResponseWithTwoValues_AreRead()
    {
        var text = SampleMessages.InviteText.Replace("INVITE sip:bob@pbx.example.com SIP/2.0", "SIP/2.0 488 Not Acceptable Here", StringComparison.Ordinal)
            .Replace("Max-Forwards: 70\r\n", "Warning: 304 pbx.example.com \"Media type not available\", 399 pbx:5060 \"codec \\\"G729\\\" only\"\r\n", StringComparison.Ordinal);
        var response = SampleMessages.Parse(text);

        Assert.Equal(2, response.Warnings.Count);
        Assert.Equal((304, "pbx.example.com", "Media type not available"), (response.Warnings[0].Code, response.Warnings[0].Agent, response.Warnings[0].Text));
        Assert.Equal("codec \"G729\" only", response.Warnings[1].Text);
    }

    [Theory]
    [InlineData("399 host text")]
    [InlineData("39 host \"text\"")]
    [InlineData("399host \"text\"")]
    [InlineData("399 host \"unterminated")]
    [InlineData("399 host \"a\" trailing")]
    [InlineData("abc host \"text\"")]
    [InlineData("399 <x> \"text\"")]
    [InlineData("")]
    public void TryParse_Malformed_ReturnsFalse(string value)
    {
        Assert.False(SipWarning.TryParse(value, out var warning));
        Assert.Null(warning);
    }
}
