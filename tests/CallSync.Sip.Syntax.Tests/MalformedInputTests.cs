using System.Text;

namespace CallSync.Sip.Syntax.Tests;

/// <summary>Hostile and broken input: no exception escapes, every rejection carries a reason.</summary>
public sealed class MalformedInputTests
{
    [Fact]
    public void TryParse_InviteTruncatedAtEveryLength_NeverThrowsAndGivesReason()
    {
        var invite = SampleMessages.Invite;
        var headerEnd = SampleMessages.InviteText.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        for (var length = 0; length < invite.Length; length++)
        {
            var ok = SipMessage.TryParse(invite.AsSpan(0, length), out var message, out var error);
            Assert.False(ok, $"length {length}");
            Assert.False(string.IsNullOrEmpty(error.Reason));
            Assert.Null(message);
            if (length >= headerEnd)
            {
                // The header section is whole, so only the body is short: answerable with 400.
                Assert.Equal("Content-Length larger than the message", error.Reason);
                Assert.True(error.CanRespond);
            }
        }
    }

    [Fact]
    public void TryParse_ContentLengthShorterThanBody_TruncatesBody()
    {
        var text = SampleMessages.InviteText.Replace("Content-Length: 300", "Content-Length: 10", StringComparison.Ordinal);
        var m = SampleMessages.Parse(text);
        Assert.Equal("v=0\r\no=ali", Encoding.ASCII.GetString(m.Body.Span));
    }

    [Fact]
    public void TryParse_NoContentLengthInDatagram_BodyIsTheRest()
    {
        var text = SampleMessages.InviteText.Replace("Content-Length: 300\r\n", string.Empty, StringComparison.Ordinal);
        Assert.Equal(300, SampleMessages.Parse(text).ContentLength);
    }

    [Fact]
    public void TryParse_ConflictingContentLengths_Rejected()
    {
        var text = SampleMessages.InviteText.Replace("Content-Length: 300\r\n", "Content-Length: 300\r\nl: 12\r\n", StringComparison.Ordinal);
        Assert.False(SipMessage.TryParse(Encoding.ASCII.GetBytes(text), out _, out var error));
        Assert.Equal("Conflicting Content-Length headers", error.Reason);
    }

    [Fact]
    public void TryParse_RandomBinaryGarbage_NeverThrows()
    {
        var random = new Random(4475);
        var buffer = new byte[2048];
        for (var i = 0; i < 2000; i++)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            Assert.False(SipMessage.TryParse(buffer.AsSpan(0, length), out _, out var error));
            Assert.False(string.IsNullOrEmpty(error.Reason));
        }
    }

    [Fact]
    public void TryParse_TenThousandHeaders_RejectedAsTooMany()
    {
        var sb = new StringBuilder(SampleMessages.OkText.Replace("\r\n\r\n", "\r\n", StringComparison.Ordinal));
        for (var i = 0; i < 10_000; i++)
        {
            sb.Append("X-H: ").Append(i).Append("\r\n");
        }

        var bytes = Encoding.ASCII.GetBytes(sb.Append("\r\n").ToString());
        Assert.False(SipMessage.TryParse(bytes, out _, out var error));
        Assert.Equal("Message Too Large", error.Reason);

        // Under the size limit but over the header-count limit.
        var cut = sb.ToString().IndexOf("X-H: 1000\r\n", StringComparison.Ordinal);
        Assert.False(SipMessage.TryParse(Encoding.ASCII.GetBytes(sb.ToString(0, cut) + "\r\n"), out _, out error));
        Assert.Equal("Too many header lines", error.Reason);
    }

    [Fact]
    public void TryParse_HugeHeaderValue_RejectedOverLimitAcceptedUnder()
    {
        var over = SampleMessages.OkText.Replace("Require: timer", "Require: " + new string('x', SipLimits.MaxMessageBytes), StringComparison.Ordinal);
        Assert.False(SipMessage.TryParse(Encoding.ASCII.GetBytes(over), out _, out var error));
        Assert.Equal(513, error.StatusCode);

        var under = SampleMessages.OkText.Replace("Require: timer", "X-Big: " + new string('x', 60_000), StringComparison.Ordinal);
        Assert.Equal(60_000, SampleMessages.Parse(under).Headers.GetValue("X-Big")!.Length);
    }

    [Fact]
    public void TryParse_NulByteInHeader_Rejected()
    {
        var text = SampleMessages.OkText.Replace("Require: timer", "Require: ti\0mer", StringComparison.Ordinal);
        Assert.False(SipMessage.TryParse(Encoding.ASCII.GetBytes(text), out _, out var error));
        Assert.Equal("Control character in header section", error.Reason);
    }

    [Fact]
    public void TryParse_NonUtf8Bytes_ParsesWithReplacementCharacters()
    {
        var text = SampleMessages.OkText.Replace("Require: timer", "X-Raw: a", StringComparison.Ordinal);
        var bytes = Encoding.ASCII.GetBytes(text);
        bytes[text.IndexOf("X-Raw: a", StringComparison.Ordinal) + 7] = 0xFF;
        Assert.True(SipMessage.TryParse(bytes, out var m, out _));
        Assert.Equal("\uFFFD", m.Headers.GetValue("X-Raw"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    [InlineData("INVITE")]
    [InlineData("INVITE sip:a@b SIP/2.0")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nVia SIP/2.0/UDP a\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\n continuation\r\n\r\n")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n")]
    [InlineData("SIP/2.0 99 Low\r\n\r\n")]
    [InlineData("SIP/2.0 700 High\r\n\r\n")]
    [InlineData("SIP/2.0 20x OK\r\n\r\n")]
    [InlineData("SIP/3.0 200 OK\r\n\r\n")]
    [InlineData(" INVITE sip:a@b SIP/2.0\r\n\r\n")]
    public void TryParse_BrokenStructure_ReturnsReason(string text)
    {
        Assert.False(SipMessage.TryParse(Encoding.ASCII.GetBytes(text), out var message, out var error));
        Assert.Null(message);
        Assert.False(string.IsNullOrEmpty(error.Reason));
        Assert.False(error.IsNone);
    }

    [Fact]
    public void TypedAccessors_OnGarbageValues_ReturnNullOrEmptyWithoutThrowing()
    {
        var text = SampleMessages.OkText
            .Replace("Record-Route: <sip:pbx.example.com;lr>", "Record-Route: <<>>,,\"", StringComparison.Ordinal)
            .Replace("Contact: <sip:bob@192.168.1.30:5060>", "Contact: \"unterminated <sip:x@y>", StringComparison.Ordinal)
            .Replace("Session-Expires: 1800;refresher=uac", "Session-Expires: soon", StringComparison.Ordinal)
            + string.Empty;
        text = text.Replace("Require: timer", "WWW-Authenticate: Digest realm=\"x", StringComparison.Ordinal);
        var m = SampleMessages.Parse(text);
        Assert.Empty(m.RecordRoutes);
        Assert.Empty(m.Contacts);
        Assert.Null(m.SessionExpires);
        Assert.Empty(m.WwwAuthenticate);
        Assert.False(m.TryValidate(out var error));
        Assert.Equal("Malformed Contact", error.Reason);
        Assert.False(error.CanRespond);
    }

    [Fact]
    public void TryParse_BareCarriageReturnInHeader_Rejected()
    {
        var text = SampleMessages.OkText.Replace("Require: timer", "Require: ti\rmer", StringComparison.Ordinal);
        Assert.False(SipMessage.TryParse(Encoding.ASCII.GetBytes(text), out _, out var error));
        Assert.Equal("Bare CR in header section", error.Reason);
    }

    [Fact]
    public void ToBuilderAndCreateFor_PartialRequestWithQuotedNul_DoNotThrow()
    {
        // Found by fuzzing: values from a parsed message may hold quoted control bytes and a broken Request-URI.
        var bytes = TortureCase.Load("ltgtruri");
        var text = Encoding.Latin1.GetString(bytes).Replace("To: sip:user@example.com", "To: \"a\\\0b\" <sip:user@example.com>", StringComparison.Ordinal);
        Assert.False(SipMessage.TryParse(Encoding.Latin1.GetBytes(text), out _, out var error));
        Assert.True(error.CanRespond);
        Assert.Equal("a\0b", error.Request!.To!.DisplayName);
        Assert.StartsWith("INVITE <sip:user@example.com> SIP/2.0\r\n", error.Request.ToBuilder().ToString(), StringComparison.Ordinal);
        Assert.Contains("\0", SipResponseBuilder.CreateFor(error.Request, 400).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void CSeq_OnPartialRequestWithBrokenCSeq_IsDefaultAndPrintable()
    {
        Assert.False(SipMessage.TryParse(TortureCase.Load("scalar02"), out _, out var error));
        Assert.Equal(default, error.Request!.CSeq);
        Assert.Equal("0 ", error.Request.CSeq.ToString());
    }
}
