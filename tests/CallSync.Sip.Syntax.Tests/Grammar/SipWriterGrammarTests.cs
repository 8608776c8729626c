using System.Text;

namespace CallSync.Sip.Syntax.Tests.Grammar;

/// <summary>
/// Every value the codec's writers produce (Via, From/To with display names that need quoting, Contact, Route,
/// Record-Route, CSeq, Warning, Session-Expires, start lines) checked against RFC 3261's grammar by an independent
/// checker, and read back to the same value by the codec's parser.
/// </summary>
public sealed class SipWriterGrammarTests
{
    public static TheoryData<string> DisplayNames() =>
    [
        "Alice", "Alice Smith", "O'Brien", "Say \"hi\"", "back\\slash", "Zoë Ünicode 電話", "tab\tinside", "bell\u0007", "del\u007f",
        "<sip:evil@example.com>", "semi;colon,comma", "\"", "\\", " padded ",
    ];

    [Theory]
    [MemberData(nameof(DisplayNames))]
    public void NameAddress_DisplayNameNeedingQuotes_IsValidFromAndTo(string displayName)
    {
        var from = new SipNameAddress(SipUri.Parse("sip:alice@example.com"), displayName).WithTag("a1b2");

        AssertHeader("From", from.ToString());
        AssertHeader("To", from.ToString());
        Assert.True(SipNameAddress.TryParse(from.ToString(), out var back));
        Assert.Equal(displayName, back!.DisplayName);
    }

    [Theory]
    [InlineData("line\r\nbreak", "line  break")]
    [InlineData("nul\0", "nul ")]
    public void NameAddress_DisplayNameWithLineBreaks_IsWrittenOnOneLine(string displayName, string expected)
    {
        var to = new SipNameAddress(SipUri.Parse("sip:bob@example.com"), displayName);
        var builder = new SipRequestBuilder(SipMethod.Invite, "sip:bob@example.com");

        builder.AddHeader(SipHeaderNames.To, to.ToString());

        AssertHeader("To", builder.GetHeader(SipHeaderNames.To)!);
        Assert.True(SipNameAddress.TryParse(builder.GetHeader(SipHeaderNames.To)!, out var back));
        Assert.Equal(expected, back!.DisplayName);
    }

    public static TheoryData<string?, string?, string> Uris() => new()
    {
        { "alice", null, "example.com" },
        { "bob smith", null, "example.com" },
        { "100%", "p:w@d", "192.0.2.1" },
        { "a;b?c/d&e=f+g$h,i", "&=+$,", "[2001:db8::1]" },
        { "Zoë", null, "pbx.example.com" },
        { "+4930123456", null, "sip.example.com." },
        { null, null, "192.0.2.1" },
    };

    [Theory]
    [MemberData(nameof(Uris))]
    public void Uri_UserPasswordAndHost_AreEscapedPerGrammar(string? user, string? password, string host)
    {
        var uri = new SipUri(SipUriScheme.Sip, user, host, 5060, password: password);

        AssertHeader("Contact", new SipNameAddress(uri).ToString());
        Assert.True(SipUri.TryParse(uri.ToString(), out var back));
        Assert.Equal(user, back!.User);
        Assert.Equal(password, back.Password);
    }

    [Theory]
    [InlineData("2001:db8::10", "[2001:db8::10]")]
    [InlineData("[2001:db8::10]", "[2001:db8::10]")]
    [InlineData("fe80::1%3", "[fe80::1]")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    public void Uri_Ipv6HostWithoutBrackets_IsWrittenAsReference(string host, string written)
    {
        var from = new SipNameAddress(new SipUri(SipUriScheme.Sip, "1001", host)).WithTag("x");

        AssertHeader("From", from.ToString());
        Assert.Equal($"<sip:1001@{written}>;tag=x", from.ToString());
    }

    [Theory]
    [InlineData("host name")]
    [InlineData("pbx.example.com:5060")]
    [InlineData("<x>")]
    [InlineData("")]
    public void UriAndVia_HostNotAHost_Throw(string host)
    {
        Assert.Throws<ArgumentException>(() => new SipUri(SipUriScheme.Sip, "1001", host));
        Assert.Throws<ArgumentException>(() => new SipVia("UDP", host, 5060));
    }

    [Theory]
    [InlineData("transport", "tcp")]
    [InlineData("lr", null)]
    [InlineData("maddr", "[2001:db8::1]")]
    [InlineData("x-note", "a b<c>\"d\"")]
    [InlineData("x-pct", "50%")]
    [InlineData("x-esc", "%41b")]
    public void Uri_Parameters_AreParamchars(string name, string? value)
    {
        var uri = SipUri.Parse("sip:alice@example.com").WithParameter(name, value);

        AssertHeader("Route", new SipNameAddress(uri).ToString());
        Assert.True(SipUri.TryParse(uri.ToString(), out var back));
        Assert.True(back!.Parameters.Contains(name));
    }

    [Theory]
    [InlineData("subject", "a&b")]
    [InlineData("body", "x=y,z")]
    [InlineData("x-odd", "100% \"sure\"")]
    [InlineData("na&me", "v")]
    public void Uri_Headers_AreHnameAndHvalueChars(string name, string value)
    {
        var uri = new SipUri(SipUriScheme.Sip, "bob", "example.com", headers: SipParameters.Create(new SipParameter(name, value)));

        AssertHeader("Contact", new SipNameAddress(uri).ToString());
        Assert.True(SipUri.TryParse(uri.ToString(), out var back));
        Assert.Equal(value, back!.Headers.GetValue(back.Headers[0].Name));
    }

    [Theory]
    [InlineData("UDP", "192.0.2.10", 5060)]
    [InlineData("tcp", "pbx.example.com", null)]
    [InlineData("TLS", "[2001:db8::10]", 5061)]
    [InlineData("UDP", "2001:db8::10", 5060)]
    public void Via_Create_IsValid(string transport, string host, int? port)
    {
        var via = SipVia.Create(transport, host, port);

        AssertHeader("Via", via.ToString());
        Assert.True(SipVia.TryParse(via.ToString(), out var back));
        Assert.Equal(via.Branch, back!.Branch);
    }

    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    [InlineData("[2001:db8::7]", "2001:db8::7")]
    [InlineData("fe80::7%eth0", "fe80::7")]
    [InlineData("::ffff:198.51.100.7", "::ffff:198.51.100.7")]
    public void Via_WithReceived_IsViaReceived(string received, string written)
    {
        var via = SipVia.Create("UDP", "192.0.2.10", 5060).WithReceived(received, 40000);

        AssertHeader("Via", via.ToString());
        Assert.Contains($";received={written};", via.ToString() + ";", StringComparison.Ordinal);
        Assert.Equal(40000, SipVia.TryParse(via.ToString(), out var back) ? back!.RPort : null);
    }

    [Fact]
    public void RouteAndRecordRoute_LooseRouters_AreValid()
    {
        var route = new SipNameAddress(SipUri.Parse("sip:proxy.example.com;lr"));
        var record = new SipNameAddress(SipUri.Parse("sip:[2001:db8::5]:5062;transport=tcp;lr"), "edge proxy");

        AssertHeader("Route", route.ToString());
        AssertHeader("Record-Route", record + ", " + route);
    }

    [Theory]
    [InlineData("expires", "3600")]
    [InlineData("q", "0.5")]
    [InlineData("+sip.instance", "\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"")]
    [InlineData("reg-id", "1")]
    [InlineData("x-note", "two words")]
    [InlineData("x-host", "[2001:db8::1]")]
    public void Contact_HeaderParameters_AreGenericParams(string name, string value)
    {
        var contact = new SipNameAddress(SipUri.Parse("sip:alice@192.0.2.10:5060")).WithParameter(name, value);

        AssertHeader("Contact", contact.ToString());
        Assert.True(SipNameAddress.TryParse(contact.ToString(), out var back));
        Assert.True(back!.Parameters.Contains(name));
    }

    [Theory]
    [InlineData(1u, "INVITE")]
    [InlineData(2147483647u, "BYE")]
    [InlineData(7u, "X-CUSTOM")]
    public void CSeq_Value_IsValid(uint sequence, string method)
    {
        AssertHeader("CSeq", new SipCSeq(sequence, SipMethod.Get(method)).ToString());
    }

    [Fact]
    public void SessionExpires_WithRefresher_IsValid()
    {
        AssertHeader("Session-Expires", new SipSessionExpires(TimeSpan.FromSeconds(1800), "uac").ToString());
        AssertHeader("Session-Expires", new SipSessionExpires(TimeSpan.FromSeconds(90)).ToString());
    }

    [Theory]
    [InlineData(305, "192.0.2.10", "no common codec (offered G729/8000; supported PCMU/8000)")]
    [InlineData(301, "2001:db8::10", "IPv6 media not configured")]
    [InlineData(301, "[2001:db8::10]:5060", "IPv6 media not configured")]
    [InlineData(399, "desk-0001.example.com", "quote \" and backslash \\ and tab\t")]
    [InlineData(399, "callsync", "control \u0001 and line\r\nbreak")]
    [InlineData(304, "192.0.2.10:5060", "Zoë")]
    public void Warning_Value_IsValidAndReadsBack(int code, string agent, string text)
    {
        var warning = new SipWarning(code, agent, text);

        AssertHeader("Warning", warning.ToString());
        Assert.True(SipWarning.TryParse(warning.ToString(), out var back));
        Assert.Equal(code, back!.Code);
        Assert.Equal(text.Replace("\r\n", "  ", StringComparison.Ordinal), back.Text);
    }

    [Fact]
    public void Request_Create_EveryLineIsValid()
    {
        var from = new SipNameAddress(SipUri.Parse("sip:1001@192.0.2.10"), "Desk \"1\" \\ Sales").WithTag(SipIds.NewTag());
        var to = new SipNameAddress(new SipUri(SipUriScheme.Sip, "2001 #7", "[2001:db8::20]", 5080));
        var builder = SipRequestBuilder.Create(SipMethod.Invite, to.Uri, SipVia.Create("UDP", "[2001:db8::10]", 5060), from, to, SipIds.NewCallId("192.0.2.10"), 42);
        builder.AddHeader(SipHeaderNames.Contact, new SipNameAddress(SipUri.Parse("sip:1001@[2001:db8::10]:5060;transport=udp")).ToString());
        builder.AddHeader(SipHeaderNames.Route, new SipNameAddress(SipUri.Parse("sip:proxy.example.com;lr")).ToString());
        builder.AddHeader(SipHeaderNames.Supported, "replaces, timer");
        builder.AddHeader(SipHeaderNames.Allow, "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO");
        builder.AddHeader(SipHeaderNames.UserAgent, "CallSync/0.1.0 (desk phone)");
        builder.SetBody(Encoding.ASCII.GetBytes("v=0\r\n"), "application/sdp");

        Assert.Null(Rfc3261Grammar.CheckMessage(builder.ToString()));
    }

    [Theory]
    [InlineData(488, null)]
    [InlineData(488, "Not Acceptable Here")]
    [InlineData(488, "no common codec (offered G729/8000; supported PCMU/8000)")]
    [InlineData(480, "Peer said \"busy\" <now>")]
    [InlineData(500, "100% {broken} [really] a\\b | ^ `tick`")]
    [InlineData(503, "tab\tand\u0001control")]
    [InlineData(486, "Besetzt – später")]
    [InlineData(200, "")]
    public void Response_ReasonPhrase_IsValidStatusLine(int status, string? reason)
    {
        var invite = (SipRequest)SampleMessages.Parse(SampleMessages.InviteText);
        var response = SipResponseBuilder.CreateFor(invite, status, reason, toTag: "t1");

        Assert.Null(Rfc3261Grammar.CheckMessage(response.ToString()));
        Assert.True(SipMessage.TryParse(response.ToArray(), out var parsed, out _));
        Assert.Equal(status, ((SipResponse)parsed!).StatusCode);
    }

    private static void AssertHeader(string name, string value)
    {
        var problem = Rfc3261Grammar.CheckHeader(name + ": " + value);
        Assert.True(problem is null, problem);
    }
}
