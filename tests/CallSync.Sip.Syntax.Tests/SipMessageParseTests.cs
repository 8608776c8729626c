using System.Text;

namespace CallSync.Sip.Syntax.Tests;

public sealed class SipMessageParseTests
{
    [Fact]
    public void TryParse_Invite_ReadsStartLineAndTypedHeaders()
    {
        Assert.True(SipMessage.TryParse(SampleMessages.Invite, out var message, out var error), error.Reason);
        var request = Assert.IsType<SipRequest>(message);
        Assert.Equal(SipMethod.Invite, request.Method);
        Assert.Equal("sip:bob@pbx.example.com", request.RequestUriText);
        Assert.Equal("bob", request.RequestUri!.User);
        Assert.Equal("pbx.example.com", request.RequestUri.Host);
        var via = Assert.Single(request.Vias);
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("192.168.1.20", via.Host);
        Assert.Equal(5060, via.Port);
        Assert.Equal("z9hG4bK776asdhds7a8s9df", via.Branch);
        Assert.True(via.HasRPort);
        Assert.Null(via.RPort);
        Assert.Equal("Alice Desk", request.From!.DisplayName);
        Assert.Equal("1928301774", request.From.Tag);
        Assert.Null(request.To!.Tag);
        Assert.Equal("a84b4c76e66710@192.168.1.20", request.CallId);
        Assert.Equal(new SipCSeq(314159, SipMethod.Invite), request.CSeq);
        Assert.Equal("udp", Assert.Single(request.Contacts).Uri.Transport);
        Assert.Equal(70, request.MaxForwards);
        Assert.Equal(TimeSpan.FromSeconds(1800), request.SessionExpires!.Interval);
        Assert.Equal("uac", request.SessionExpires.Refresher);
        Assert.Equal(TimeSpan.FromSeconds(90), request.MinSessionExpires);
        Assert.Equal(["timer", "replaces", "100rel"], request.Supported);
        Assert.Equal("application/sdp", request.ContentType);
        Assert.Equal(300, request.ContentLength);
        Assert.StartsWith("v=0\r\n", Encoding.ASCII.GetString(request.Body.Span), StringComparison.Ordinal);
        Assert.True(request.TryValidate(out _));
    }
}
