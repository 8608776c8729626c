using System.Text;

namespace CallSync.Sip.Syntax.Tests;

/// <summary>RFC 4475 section 3.1.1 (valid messages): each parses and yields the right values.</summary>
public sealed class TortureValidTests
{
    [Fact]
    public void Parse_Wsinv_UnfoldsWhitespaceAndReadsEveryValue()
    {
        var m = (SipRequest)TortureCase.Parse("wsinv");
        Assert.True(m.TryValidate(out var error), error.Reason);
        Assert.Equal("oddparam", Assert.Single(m.RequestUri!.Parameters).Name);
        Assert.Equal("5520117xq", m.To!.Tag);
        Assert.Equal("carol", m.To.Uri.User);
        Assert.Equal("Dan Tester \\\"", m.From!.DisplayName);
        Assert.Equal("77zz1q", m.From.Tag);
        Assert.Equal(42, m.MaxForwards);
        Assert.Equal(new SipCSeq(17, SipMethod.Invite), m.CSeq);
        Assert.Equal(["192.0.2.77", "relay.example.net", "192.168.200.7"], m.Vias.Select(v => v.Host));
        Assert.Equal(["UDP", "TCP", "UDP"], m.Vias.Select(v => v.Transport));
        Assert.Equal(["z9hG4bKws0a1", "z9hG4bKws0b2", "z9hG4bKws0c3"], m.Vias.Select(v => v.Branch));
        Assert.Equal("first part second part", m.Headers.GetValue("OddlyNamedHeader"));
        Assert.Equal(";;,,;;,;", m.Headers.GetValue("UnusualValueHeader"));
        Assert.Equal(string.Empty, m.Headers.GetValue("Subject"));
        var route = Assert.Single(m.Routes);
        Assert.True(route.Uri.IsLooseRouter);
        Assert.Equal("value", route.Uri.Parameters.GetValue("oddwith"));
        Assert.True(route.Uri.Parameters.Contains("odd-without-value"));
        var contact = Assert.Single(m.Contacts);
        Assert.Equal("Quoted \"name\"", contact.DisplayName);
        Assert.Equal("thing", contact.Parameters.GetValue("extra"));
        Assert.True(contact.Parameters.Contains("flagparam"));
        Assert.Equal("0.5", contact.Parameters.GetValue("q"));
        Assert.Equal("application/sdp", m.ContentType);
        Assert.EndsWith("m=audio 40000 RTP/AVP 0\r\n", Encoding.ASCII.GetString(m.Body.Span), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Intmeth_AcceptsTokenCharactersAndQuotedControlBytes()
    {
        var m = (SipRequest)TortureCase.Parse("intmeth");
        Assert.Equal("!odd-Method0123456789_*+`.%yes'~", m.Method.Name);
        Assert.Equal(m.Method, m.CSeq.Method);
        Assert.Equal("1_odd.URI~(surely!)&isn't+it$/strange?,/;;*", m.RequestUri!.User);
        Assert.Equal("&pw+has=1,odd!*pa$s~_too.(sure-it)", m.RequestUri.Password);
        Assert.Equal("example.net", m.RequestUri.Host);
        Assert.Equal("z9hG4bK-.!%61*_+`'~", m.TopVia!.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", m.To!.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From!.DisplayName);
        Assert.Equal("_c10o`fe~@f~-", m.From.Tag);
        Assert.Equal("\"работающий\"", m.From.Parameters.GetValue("fromParam''~+*_!.-%"));
        Assert.Equal("intmeth.token%ZK-!.*_+'@token`~)(><:\\/\"][?}{", m.CallId);
        Assert.Equal(255, m.MaxForwards);
        Assert.True(m.TryValidate(out var error), error.Reason);
    }

    [Fact]
    public void Parse_Esc01_ResolvesEscapesInUserParts()
    {
        var m = (SipRequest)TortureCase.Parse("esc01");
        Assert.Equal("sips:carol@example.org", m.RequestUri!.User);
        Assert.Equal("example.net", m.RequestUri.Host);
        Assert.Equal("carol", m.To!.Uri.User);
        var contact = Assert.Single(m.Contacts);
        Assert.Equal("caller", contact.Uri.User);
        Assert.Equal("v%61lue%25%34%31", contact.Uri.Parameters.GetValue("n%61me"));
        Assert.Equal("application/sdp", m.ContentType);
        Assert.True(m.TryValidate(out _));
    }

    [Fact]
    public void Parse_Escnull_KeepsEscapedNulInUser()
    {
        var m = TortureCase.Parse("escnull");
        Assert.Equal("null-\0-null", m.To!.Uri.User);
        Assert.Equal(["\0", "\0\0"], m.Contacts.Select(c => c.Uri.User));
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void Parse_Esc02_EscapedMethodIsItsOwnMethod()
    {
        var m = (SipRequest)TortureCase.Parse("esc02");
        Assert.Equal("RE%47IST%45R", m.Method.Name);
        Assert.NotEqual(SipMethod.Register, m.Method);
        Assert.Equal("%Z%45", m.To!.DisplayName);

        // "C%6Fntact" is an unknown header, not Contact (escapes do not apply to header names).
        Assert.Equal(["alias1", "alias3"], m.Contacts.Select(c => c.Uri.User));
        Assert.Equal("<sip:alias2@host2.example.net>", m.Headers.GetValue("C%6Fntact"));
    }

    [Fact]
    public void Parse_Lwsdisp_DisplayNameWithoutSpaceBeforeAngle()
    {
        var m = TortureCase.Parse("lwsdisp");
        Assert.Equal("caller", m.From!.DisplayName);
        Assert.Equal("323", m.From.Tag);
    }

    [Fact]
    public void Parse_Longreq_HandlesLongValuesAndFortyVias()
    {
        var m = TortureCase.Parse("longreq");
        var longValue = string.Concat(Enumerable.Repeat("very", 300));
        Assert.Equal(40, m.Vias.Count);
        Assert.Equal("sip39.example.net", m.Vias[39].Host);
        Assert.Equal("longtag" + new string('x', 1000), m.From!.Tag);
        Assert.Equal("I have a user name of " + longValue + " proportion", m.To!.DisplayName);
        Assert.True(m.To.Uri.Parameters.Contains(longValue + "ParameterWithNoValue"));
        Assert.Equal(60, Assert.Single(m.Contacts).Uri.Parameters.Count);
        Assert.Contains(m.Headers, h => h.Name == "Unknown-" + longValue + "-Header");
        Assert.True(m.TryValidate(out _));
    }

    [Fact]
    public void Parse_Dblreq_TakesOnlyTheFirstMessage()
    {
        var m = (SipRequest)TortureCase.Parse("dblreq");
        Assert.Equal(SipMethod.Register, m.Method);
        Assert.Equal(0, m.ContentLength);
        Assert.DoesNotContain("INVITE", m.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Semiuri_SemicolonBelongsToUser()
    {
        var m = (SipRequest)TortureCase.Parse("semiuri");
        Assert.Equal("user;par=u@example.net", m.RequestUri!.User);
        Assert.Equal("example.com", m.RequestUri.Host);
        Assert.Empty(m.RequestUri.Parameters);
        Assert.Equal(
            "application/sdp, application/pkcs7-mime, multipart/mixed, multipart/signed, message/sip, message/sipfrag",
            m.Headers.GetValue("Accept"));
    }

    [Fact]
    public void Parse_Transports_ReadsEveryTransportToken()
    {
        var m = TortureCase.Parse("transports");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport));
    }

    [Fact]
    public void Parse_Mpart01_KeepsMultipartBodyExactly()
    {
        var m = TortureCase.Parse("mpart01");
        Assert.StartsWith("multipart/mixed;boundary=7a9cbec02ceef655", m.ContentType, StringComparison.Ordinal);
        var body = Encoding.ASCII.GetString(m.Body.Span);
        Assert.StartsWith("--7a9cbec02ceef655\r\n", body, StringComparison.Ordinal);
        Assert.EndsWith("--7a9cbec02ceef655--\r\n", body, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", m.TopVia!.Host);
        Assert.True(m.TopVia.HasRPort);
    }

    [Fact]
    public void Parse_Unreason_DecodesUtf8ReasonPhrase()
    {
        var m = Assert.IsType<SipResponse>(TortureCase.Parse("unreason"));
        Assert.Equal(200, m.StatusCode);
        Assert.Equal("= 2**3 * 5**2 но сто девяносто девять - простое", m.ReasonPhrase);
    }

    [Fact]
    public void Parse_Noreason_AcceptsEmptyReasonPhrase()
    {
        var m = Assert.IsType<SipResponse>(TortureCase.Parse("noreason"));
        Assert.Equal(100, m.StatusCode);
        Assert.Equal(string.Empty, m.ReasonPhrase);
        Assert.True(m.IsProvisional);
    }

    [Fact]
    public void Parse_Ipv6Register_ReadsBracketedHosts()
    {
        var m = (SipRequest)TortureCase.Parse("ipv6-reg");
        Assert.Equal("[2001:db8::10]", m.RequestUri!.Host);
        Assert.True(m.RequestUri.IsIPv6);
        Assert.Equal("[2001:db8::9:1]", m.TopVia!.Host);
        Assert.Equal(5070, m.TopVia.Port);
        Assert.Equal("[2001:db8::9:255]", m.TopVia.Received);
        Assert.Equal(5070, m.TopVia.RPort);
        var contact = Assert.Single(m.Contacts);
        Assert.Equal("[2001:db8::1]", contact.Uri.Host);
        Assert.Equal(5080, contact.Uri.Port);
        Assert.Equal("Caller", contact.DisplayName);
    }
}
