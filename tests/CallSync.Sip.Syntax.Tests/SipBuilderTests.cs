using System.Buffers;
using System.Text;

namespace CallSync.Sip.Syntax.Tests;

public sealed class SipBuilderTests
{
    [Fact]
    public void CreateFor_Invite_CopiesDialogHeadersAndAddsToTag()
    {
        var invite = (SipRequest)SampleMessages.Parse(SampleMessages.InviteText.Replace(
            "Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRecord-Route: <sip:p1.example.com;lr>\r\nVia: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKp1\r\n", StringComparison.Ordinal));
        var ringing = SipResponseBuilder.CreateFor(invite, 180, toTag: "xyz").Build();
        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal("Ringing", ringing.ReasonPhrase);
        Assert.Equal(invite.Vias.Select(v => v.ToString()), ringing.Vias.Select(v => v.ToString()));
        Assert.Equal(invite.From!.ToString(), ringing.From!.ToString());
        Assert.Equal("xyz", ringing.To!.Tag);
        Assert.Equal(invite.To!.Uri, ringing.To.Uri);
        Assert.Equal(invite.CallId, ringing.CallId);
        Assert.Equal(invite.CSeq, ringing.CSeq);
        Assert.Equal("<sip:p1.example.com;lr>", Assert.Single(ringing.RecordRoutes).ToString());
        Assert.Equal(0, ringing.ContentLength);
        Assert.Equal("0", ringing.Headers.GetValue("Content-Length"));

        var busy = SipResponseBuilder.CreateFor(invite, 486, toTag: "xyz").Build();
        Assert.Empty(busy.RecordRoutes);
    }

    [Fact]
    public void CreateFor_ToAlreadyTagged_KeepsExistingTag()
    {
        var ok = SampleMessages.Parse(SampleMessages.InviteText.Replace("To: <sip:bob@pbx.example.com>", "To: <sip:bob@pbx.example.com>;tag=old", StringComparison.Ordinal));
        var response = SipResponseBuilder.CreateFor((SipRequest)ok, 200, toTag: "new").Build();
        Assert.Equal("old", response.To!.Tag);
    }

    [Fact]
    public void Create_Request_WritesMandatoryHeadersAndBodyLength()
    {
        var via = SipVia.Create("UDP", "192.0.2.10", 5060);
        var from = new SipNameAddress(SipUri.Parse("sip:alice@example.com"), "Alice \"A\"").WithTag(SipIds.NewTag());
        var to = new SipNameAddress(new SipUri(SipUriScheme.Sip, "bob smith", "example.com"));
        var builder = SipRequestBuilder.Create(SipMethod.Invite, to.Uri, via, from, to, SipIds.NewCallId("192.0.2.10"), 1);
        builder.AddHeader(SipHeaderNames.Contact, "<sip:alice@192.0.2.10:5060>");
        builder.SetBody(Encoding.ASCII.GetBytes("v=0\r\n"), "application/sdp");
        var request = builder.Build();

        Assert.Equal(["Via", "Max-Forwards", "From", "To", "Call-ID", "CSeq", "Contact", "Content-Type", "Content-Length"], request.Headers.Select(h => h.Name));
        Assert.Equal("sip:bob%20smith@example.com", request.RequestUriText);
        Assert.Equal("bob smith", request.RequestUri!.User);
        Assert.Equal("Alice \"A\"", request.From!.DisplayName);
        Assert.StartsWith(SipVia.BranchMagicCookie, request.TopVia!.Branch, StringComparison.Ordinal);
        Assert.True(request.TopVia.HasRPort);
        Assert.Equal(5, request.ContentLength);
        Assert.Equal("5", request.Headers.GetValue("Content-Length"));
        Assert.Equal(new SipCSeq(1, SipMethod.Invite), request.CSeq);
        Assert.True(request.TryValidate(out _));
    }

    [Fact]
    public void SetHeader_CompactForm_ReplacesLongFormInPlace()
    {
        var b = new SipRequestBuilder(SipMethod.Options, "sip:a@b");
        b.AddHeader("Via", "SIP/2.0/UDP h;branch=z9hG4bK1").AddHeader("v", "SIP/2.0/UDP g;branch=z9hG4bK2").AddHeader("Subject", "x");
        b.SetHeader("Via", "SIP/2.0/UDP k;branch=z9hG4bK3");
        Assert.Equal(["Via", "Subject"], b.Headers.Select(h => h.Name));
        Assert.Equal(1, b.RemoveHeader("s"));
        b.InsertHeader(0, "Via", "SIP/2.0/UDP top;branch=z9hG4bK0");
        Assert.Equal("SIP/2.0/UDP top;branch=z9hG4bK0", b.GetHeader("v"));
    }

    [Fact]
    public void AddHeader_ValueWithNewline_Throws()
    {
        var b = new SipResponseBuilder(200);
        Assert.Throws<ArgumentException>(() => b.AddHeader("X", "a\r\nInjected: yes"));
        Assert.Throws<ArgumentException>(() => b.AddHeader("Bad Name", "a"));
    }

    [Fact]
    public void TryWrite_IntoBufferWriter_MatchesToArray()
    {
        var b = new SipResponseBuilder(200);
        b.AddHeader("Via", "SIP/2.0/UDP h;branch=z9hG4bK1").AddHeader("From", "<sip:a@b>;tag=1").AddHeader("To", "<sip:c@d>;tag=2")
            .AddHeader("Call-ID", "c1").AddHeader("CSeq", "1 OPTIONS");
        var writer = new ArrayBufferWriter<byte>();
        b.WriteTo(writer);
        Assert.Equal(b.ToArray(), writer.WrittenSpan.ToArray());
        Assert.False(b.TryWrite(new byte[10], out _));
        var built = b.Build();
        var writer2 = new ArrayBufferWriter<byte>();
        built.WriteTo(writer2);
        Assert.Equal(built.ToArray(), writer2.WrittenSpan.ToArray());
    }

    [Fact]
    public void SipIds_AreUniqueAndWellFormed()
    {
        var branches = Enumerable.Range(0, 1000).Select(_ => SipIds.NewBranch()).ToHashSet();
        Assert.Equal(1000, branches.Count);
        Assert.All(branches, b => Assert.StartsWith("z9hG4bK", b, StringComparison.Ordinal));
        Assert.Equal(16, SipIds.NewTag().Length);
        Assert.EndsWith("@host", SipIds.NewCallId("host"), StringComparison.Ordinal);
    }
}
