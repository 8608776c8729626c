namespace CallSync.Sip.Syntax.Tests;

/// <summary>parse -> serialise -> parse keeps values and header order.</summary>
public sealed class RoundTripTests
{
    public static TheoryData<string> ValidCases() =>
        [.. TortureCase.All().Where(n => SipMessage.TryParse(TortureCase.Load(n), out _, out _))];

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void TryWrite_ParsedTortureMessage_ReparsesToSameHeadersAndBody(string name)
    {
        var first = TortureCase.Parse(name);
        var buffer = new byte[first.GetByteCount()];
        Assert.True(first.TryWrite(buffer, out var written));
        Assert.Equal(buffer.Length, written);
        Assert.True(SipMessage.TryParse(buffer, out var second, out var error), error.Reason);

        Assert.Equal(first.Headers.ToArray(), second.Headers.ToArray());
        Assert.Equal(first.Body.ToArray(), second.Body.ToArray());
        Assert.Equal(first.IsRequest, second.IsRequest);
        Assert.Equal(first.CSeq, second.CSeq);
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.Vias.Select(v => v.ToString()), second.Vias.Select(v => v.ToString()));
        Assert.Equal(first.From?.ToString(), second.From?.ToString());
        Assert.Equal(first.To?.ToString(), second.To?.ToString());
        Assert.Equal(first.Contacts.Select(c => c.ToString()), second.Contacts.Select(c => c.ToString()));
        if (first is SipRequest r1)
        {
            var r2 = (SipRequest)second;
            Assert.Equal(r1.Method, r2.Method);
            Assert.Equal(r1.RequestUriText, r2.RequestUriText);
        }
        else
        {
            Assert.Equal(((SipResponse)first).StatusCode, ((SipResponse)second).StatusCode);
            Assert.Equal(((SipResponse)first).ReasonPhrase, ((SipResponse)second).ReasonPhrase);
        }
    }

    [Fact]
    public void TryWrite_BufferTooSmall_ReturnsFalse()
    {
        var m = SampleMessages.Parse(SampleMessages.InviteText);
        Assert.False(m.TryWrite(new byte[m.GetByteCount() - 1], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void ToBuilder_ThenBuild_KeepsHeaderOrderAndValues()
    {
        var original = (SipRequest)SampleMessages.Parse(SampleMessages.InviteText);
        var rebuilt = original.ToBuilder().Build();
        Assert.Equal(original.Headers.Select(h => h.Name), rebuilt.Headers.Select(h => h.Name));
        Assert.Equal(original.Headers.Select(h => h.Value), rebuilt.Headers.Select(h => h.Value));
        Assert.Equal(original.Body.ToArray(), rebuilt.Body.ToArray());
        Assert.Equal(original.ToString(), rebuilt.ToString());
    }

    [Fact]
    public void TypedValues_ToString_ReparseToEqualValues()
    {
        var m = TortureCase.Parse("wsinv");
        foreach (var via in m.Vias)
        {
            Assert.True(SipVia.TryParse(via.ToString(), out var again));
            Assert.Equal(via.ToString(), again.ToString());
            Assert.Equal(via.Branch, again.Branch);
        }

        foreach (var na in new[] { m.From!, m.To!, m.Contacts[0], m.Routes[0] })
        {
            Assert.True(SipNameAddress.TryParse(na.ToString(), out var again));
            Assert.Equal(na.DisplayName, again.DisplayName);
            Assert.Equal(na.Uri, again.Uri);
            Assert.Equal(na.Parameters.ToArray(), again.Parameters.ToArray());
        }
    }
}
