namespace CallSync.Sip.Syntax.Tests;

/// <summary>RFC 4475 sections 3.1.2, 3.3, 3.4 and RFC 5118: malformed messages are rejected as the RFC asks.</summary>
public sealed class TortureInvalidTests
{
    /// <summary>Messages that parse but fail validation: a UAS answers 400.</summary>
    [Theory]
    [InlineData("badinv01", "Malformed Via")]
    [InlineData("quotbal", "Malformed To")]
    [InlineData("regbadct", "Malformed Contact")]
    [InlineData("badaspec", "Malformed To")]
    [InlineData("baddn", "Malformed From")]
    public void TryValidate_MalformedHeader_ReturnsBadRequestWithRequest(string name, string reason)
    {
        var m = TortureCase.Parse(name);
        Assert.False(m.TryValidate(out var error));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(400, error.StatusCode);
        Assert.True(error.CanRespond);
        Assert.Same(m, error.Request);
    }

    /// <summary>Requests rejected by the parser itself, still answerable with the given status.</summary>
    [Theory]
    [InlineData("clerr", 400, "Content-Length larger than the message")]
    [InlineData("ncl", 400, "Invalid Content-Length")]
    [InlineData("scalar02", 400, "Invalid CSeq")]
    [InlineData("ltgtruri", 400, "Malformed Request-URI")]
    [InlineData("ipv6-noclose", 400, "Malformed Request-URI")]
    [InlineData("lwsruri", 400, "Malformed request line")]
    [InlineData("trws", 400, "Malformed request line")]
    [InlineData("escruri", 400, "Headers not allowed in the Request-URI")]
    [InlineData("badvers", 505, "Version Not Supported")]
    [InlineData("mismatch01", 400, "CSeq method does not match the request method")]
    [InlineData("mismatch02", 400, "CSeq method does not match the request method")]
    public void TryParse_InvalidRequest_ReturnsAnswerableError(string name, int status, string reason)
    {
        Assert.False(SipMessage.TryParse(TortureCase.Load(name), out var message, out var error));
        Assert.Null(message);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(status, error.StatusCode);
        Assert.True(error.CanRespond);

        // The answer copies Via, From, To, Call-ID and CSeq verbatim, even when one of them is the broken part.
        var text = SipResponseBuilder.CreateFor(error.Request!, error.StatusCode, error.Reason, "t1").ToString();
        Assert.StartsWith($"SIP/2.0 {status} {reason}\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Call-ID: " + error.Request!.CallId + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("CSeq: " + error.Request.Headers.GetValue("CSeq") + "\r\n", text, StringComparison.Ordinal);
        Assert.Contains("tag=", text.Split("\r\n").Single(l => l.StartsWith("To: ", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    /// <summary>Input that cannot be answered (no usable start line, or a response): dropped with a reason.</summary>
    [Theory]
    [InlineData("lwsstart", "Malformed request line")]
    [InlineData("scalarlg", "Invalid CSeq")]
    [InlineData("bigcode", "Invalid status code")]
    [InlineData("insuf", "Missing Call-ID")]
    public void TryParse_Unanswerable_ReturnsDropWithReason(string name, string reason)
    {
        Assert.False(SipMessage.TryParse(TortureCase.Load(name), out _, out var error));
        Assert.Equal(reason, error.Reason);
        Assert.False(error.CanRespond);
    }

    [Fact]
    public void TryParse_Baddate_AcceptedBecauseDateIsNotInterpreted()
    {
        var m = TortureCase.Parse("baddate");
        Assert.True(m.TryValidate(out _));
        Assert.Equal("Fri, 01 Jan 2010 16:00:00 EST", m.Headers.GetValue("Date"));
    }

    [Fact]
    public void TryParse_Bcast_ParsesSoTheTransactionLayerCanDiscardIt()
    {
        var m = Assert.IsType<SipResponse>(TortureCase.Parse("bcast"));
        Assert.Equal(["192.0.2.198", "255.255.255.255"], m.Vias.Select(v => v.Host));
    }

    [Fact]
    public void TryParse_Bext01_ExposesUnknownRequireForA420()
    {
        var m = TortureCase.Parse("bext01");
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], m.Require);
        Assert.Equal("TLS", m.TopVia!.Transport);
    }

    [Fact]
    public void TryParse_Unksm_ParsesButRequestUriIsNullForA416()
    {
        var m = (SipRequest)TortureCase.Parse("unksm");
        Assert.Equal("nobodyKnowsThisScheme:totallyopaquecontent", m.RequestUriText);
        Assert.Null(m.RequestUri);
    }

    [Fact]
    public void TryParse_Zeromf_KeepsMaxForwardsZero()
    {
        Assert.Equal(0, TortureCase.Parse("zeromf").MaxForwards);
    }

    [Fact]
    public void TryParse_Ipv6WithoutBrackets_RequestUriUnparseable()
    {
        var m = (SipRequest)TortureCase.Parse("ipv6-bad");
        Assert.Null(m.RequestUri);
    }

    [Fact]
    public void TryParse_EveryTortureCase_NeverThrowsAndRoundTrips()
    {
        foreach (var name in TortureCase.All())
        {
            if (SipMessage.TryParse(TortureCase.Load(name), out var m, out _))
            {
                Assert.True(SipMessage.TryParse(m.ToArray(), out var again, out var error), name + ": " + error.Reason);
                Assert.Equal(m.ToString(), again.ToString());
            }
        }
    }
}
