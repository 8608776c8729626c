namespace CallSync.Sip.Syntax.Tests;

public sealed class SipValueTests
{
    [Theory]
    [InlineData("sip:alice:secret@example.com:5061;transport=tcp;lr?subject=hi%20there&priority=urgent", "alice", "secret", "example.com", 5061)]
    [InlineData("sips:[2001:db8::1]:5061", null, null, "[2001:db8::1]", 5061)]
    [InlineData("SIP:192.0.2.1", null, null, "192.0.2.1", null)]
    [InlineData("sip:%61lice@h", "alice", null, "h", null)]
    public void SipUri_TryParse_ReadsParts(string text, string? user, string? password, string host, int? port)
    {
        Assert.True(SipUri.TryParse(text, out var uri));
        Assert.Equal(user, uri.User);
        Assert.Equal(password, uri.Password);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
        Assert.Equal(text, uri.ToString());
    }

    [Fact]
    public void SipUri_ParametersAndHeaders_AreReadable()
    {
        var uri = SipUri.Parse("sip:alice@example.com;transport=tcp;lr?subject=hi%20there&priority=urgent");
        Assert.Equal("tcp", uri.Transport);
        Assert.True(uri.IsLooseRouter);
        Assert.Equal("hi there", uri.Headers.GetValue("subject"));
        Assert.Equal("urgent", uri.Headers.GetValue("priority"));
        Assert.Equal("sip:alice@example.com;transport=tcp;lr", uri.WithoutHeaders().ToString());
    }

    [Fact]
    public void SipUri_Tel_ReadsNumberAndContext()
    {
        Assert.True(SipUri.TryParse("tel:+1-201-555-0123;phone-context=example.com", out var uri));
        Assert.Equal(SipUriScheme.Tel, uri.Scheme);
        Assert.Equal("+1-201-555-0123", uri.User);
        Assert.Equal("example.com", uri.Parameters.GetValue("phone-context"));
    }

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("sip:")]
    [InlineData("sip:@host")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@host:0")]
    [InlineData("sip:user@host:70000")]
    [InlineData("sip:user@host:")]
    [InlineData("sip:user@[::1")]
    [InlineData("sip:user@ho st")]
    [InlineData("sip:us%4@host")]
    [InlineData("sip:user@host;;")]
    [InlineData("tel:")]
    public void SipUri_TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(SipUri.TryParse(text, out _));
    }

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1;rport", "UDP", "192.0.2.1", 5060, true, null)]
    [InlineData("SIP/2.0/TCP h.example.com;rport=4000;received=192.0.2.9;branch=z9hG4bK2", "TCP", "h.example.com", null, true, 4000)]
    [InlineData("SIP/2.0/tls [2001:db8::1]:5061;branch=z9hG4bK3", "TLS", "[2001:db8::1]", 5061, false, null)]
    [InlineData("SIP / 2.0 / UDP host : 5070 ; branch = z9hG4bK4", "UDP", "host", 5070, false, null)]
    public void SipVia_TryParse_ReadsSentByAndRport(string text, string transport, string host, int? port, bool hasRPort, int? rport)
    {
        Assert.True(SipVia.TryParse(text, out var via));
        Assert.Equal(transport, via.Transport);
        Assert.Equal(host, via.Host);
        Assert.Equal(port, via.Port);
        Assert.Equal(hasRPort, via.HasRPort);
        Assert.Equal(rport, via.RPort);
        Assert.StartsWith("z9hG4bK", via.Branch, StringComparison.Ordinal);
    }

    [Fact]
    public void SipVia_WithReceived_FillsRportOnlyWhenRequested()
    {
        var via = SipVia.Create("UDP", "10.0.0.5", 5060, "z9hG4bKabc");
        var stamped = via.WithReceived("203.0.113.7", 40000);
        Assert.Equal("SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKabc;rport=40000;received=203.0.113.7", stamped.ToString());
        var noRport = SipVia.Create("UDP", "10.0.0.5", 5060, "z9hG4bKabc", requestRPort: false).WithReceived("203.0.113.7", 40000);
        Assert.False(noRport.HasRPort);
    }

    [Theory]
    [InlineData("SIP/2.0 UDP host")]
    [InlineData("SIP/3.0/UDP host")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP host;;")]
    [InlineData("SIP/2.0/UDP host:99999")]
    public void SipVia_TryParse_Invalid_ReturnsFalse(string text)
    {
        Assert.False(SipVia.TryParse(text, out _));
    }

    [Theory]
    [InlineData("\"A \\\"B\\\"\" <sip:a@b>;tag=1", "A \"B\"", "1")]
    [InlineData("Bob Smith <sip:bob@b>", "Bob Smith", null)]
    [InlineData("<sip:a@b;lr>;tag=x;expires=60", null, "x")]
    [InlineData("sip:a@b;tag=y", null, "y")]
    [InlineData("\"\" <sip:a@b>", null, null)]
    public void SipNameAddress_TryParse_ReadsDisplayNameAndTag(string text, string? display, string? tag)
    {
        Assert.True(SipNameAddress.TryParse(text, out var na));
        Assert.Equal(display, na.DisplayName);
        Assert.Equal(tag, na.Tag);
    }

    [Fact]
    public void SipNameAddress_Expires_IsClampedTimeSpan()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), SipNameAddress.Parse("<sip:a@b>;expires=60").Expires);
        Assert.Equal(TimeSpan.FromSeconds(uint.MaxValue), SipNameAddress.Parse("<sip:a@b>;expires=280297596632815").Expires);
    }

    [Fact]
    public void Message_ContactWildcard_IsRecognised()
    {
        var m = SampleMessages.Parse(SampleMessages.OkText.Replace("Contact: <sip:bob@192.168.1.30:5060>", "Contact: *\r\nExpires: 0", StringComparison.Ordinal));
        Assert.True(m.IsContactWildcard);
        Assert.Empty(m.Contacts);
        Assert.Equal(TimeSpan.Zero, m.Expires);
    }

    [Fact]
    public void Message_MultipleContactsInOneLineAndRepeated_AreFlattenedInOrder()
    {
        var m = SampleMessages.Parse(SampleMessages.OkText.Replace(
            "Contact: <sip:bob@192.168.1.30:5060>",
            "m: <sip:a@h1>;expires=30, \"Two, Comma\" <sip:b@h2>;q=0.5\r\nContact: sip:c@h3",
            StringComparison.Ordinal));
        Assert.Equal(["a", "b", "c"], m.Contacts.Select(c => c.Uri.User));
        Assert.Equal("Two, Comma", m.Contacts[1].DisplayName);
        Assert.Equal(TimeSpan.FromSeconds(30), m.Contacts[0].Expires);
    }

    [Fact]
    public void Message_AuthenticationHeaders_ReadParameters()
    {
        var text = SampleMessages.OkText.Replace("SIP/2.0 200 OK", "SIP/2.0 401 Unauthorized", StringComparison.Ordinal)
            .Replace("Require: timer", "WWW-Authenticate: Digest realm=\"pbx.example.com\", nonce=\"a1b2\\\"c3\", qop=\"auth,auth-int\", algorithm=MD5, stale=TRUE, opaque=\"5ccc\"\r\n" +
                "Proxy-Authenticate: Digest realm=\"proxy\", nonce=\"n2\", algorithm=SHA-256", StringComparison.Ordinal);
        var m = SampleMessages.Parse(text);
        var challenge = Assert.Single(m.WwwAuthenticate);
        Assert.Equal("Digest", challenge.Scheme);
        Assert.Equal("pbx.example.com", challenge.Realm);
        Assert.Equal("a1b2\"c3", challenge.Nonce);
        Assert.Equal("auth,auth-int", challenge.Qop);
        Assert.Equal("MD5", challenge.Algorithm);
        Assert.True(challenge.Stale);
        Assert.Equal("5ccc", challenge.Opaque);
        Assert.Equal("SHA-256", Assert.Single(m.ProxyAuthenticate).Algorithm);

        var credentials = new SipAuthenticationHeaderValue("Digest", SipParameters.Create(
            new SipParameter("username", "alice"), new SipParameter("realm", "pbx.example.com"), new SipParameter("nonce", "a1b2\"c3"),
            new SipParameter("uri", "sip:pbx.example.com"), new SipParameter("response", "0123abcd"), new SipParameter("algorithm", "MD5"),
            new SipParameter("qop", "auth"), new SipParameter("nc", "00000001"), new SipParameter("cnonce", "xyz")));
        Assert.Equal("Digest username=\"alice\", realm=\"pbx.example.com\", nonce=\"a1b2\\\"c3\", uri=\"sip:pbx.example.com\", response=\"0123abcd\", algorithm=MD5, qop=\"auth\", nc=00000001, cnonce=\"xyz\"", credentials.ToString());
        Assert.True(SipAuthenticationHeaderValue.TryParse(credentials.ToString(), out var back));
        Assert.Equal(credentials.Parameters.ToArray(), back.Parameters.ToArray());
    }

    [Fact]
    public void Message_CallInfoAndAlertInfo_ReadAnswerAfter()
    {
        var m = SampleMessages.Parse(SampleMessages.InviteText.Replace("Min-SE: 90\r\n",
            "Min-SE: 90\r\nCall-Info: <http://www.example.com/alice/photo.jpg>;purpose=icon, <sip:pbx.example.com>;answer-after=0\r\nAlert-Info: <http://www.example.com/sounds/moo.wav>;info=alert-autoanswer\r\n", StringComparison.Ordinal));
        Assert.Equal(2, m.CallInfo.Count);
        Assert.Equal("icon", m.CallInfo[0].Parameters.GetValue("purpose"));
        Assert.Equal(TimeSpan.Zero, m.AnswerAfter);
        Assert.Equal("http://www.example.com/sounds/moo.wav", Assert.Single(m.AlertInfo).Uri);
        Assert.Equal("alert-autoanswer", m.AlertInfo[0].Parameters.GetValue("info"));
    }

    [Fact]
    public void Message_RouteAndRecordRouteLists_KeepOrder()
    {
        var m = SampleMessages.Parse(SampleMessages.OkText.Replace("Record-Route: <sip:pbx.example.com;lr>",
            "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\nRecord-Route: <sip:p3.example.com;lr>\r\nRoute: <sip:r1;lr>", StringComparison.Ordinal));
        Assert.Equal(["p1.example.com", "p2.example.com", "p3.example.com"], m.RecordRoutes.Select(r => r.Uri.Host));
        Assert.Equal("r1", Assert.Single(m.Routes).Uri.Host);
    }

    [Fact]
    public void Headers_LookupByCompactOrLongNameAnyCase_FindsSameLine()
    {
        var m = TortureCase.Parse("dblreq");
        Assert.Equal(m.Headers.GetValue("Call-ID"), m.Headers.GetValue("i"));
        Assert.Equal(m.Headers.GetValue("call-id"), m.Headers.GetValue("I"));
        Assert.True(m.Headers.Contains("CONTACT"));
        Assert.Equal(2, m.Headers.GetValues("max-forwards").Count + m.Headers.GetValues("l").Count);
    }

    [Fact]
    public void SipMethod_GetKnownName_ReturnsSharedInstance()
    {
        Assert.Same(SipMethod.Invite, SipMethod.Get("INVITE"));
        Assert.NotEqual(SipMethod.Invite, SipMethod.Get("invite"));
        Assert.Throws<ArgumentException>(() => SipMethod.Get("BAD METHOD"));
    }
}
