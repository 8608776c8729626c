using System.Text;
using CallSync.Sip.Syntax;

namespace CallSync.Sip.Tests.Fakes;

public static class TestMessages
{
    public static SipMessage Parse(string text)
    {
        Assert.True(SipMessage.TryParse(Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n")), out var message, out var error), error.ToString());
        return message;
    }

    public static SipRequest Request(string method, string branch = "z9hG4bKabc", uint cseq = 1, string? cseqMethod = null, string toTag = "", string sentBy = "192.0.2.1:5060") =>
        (SipRequest)Parse(
            $"{method} sip:bob@192.0.2.2 SIP/2.0\n" +
            $"Via: SIP/2.0/UDP {sentBy};branch={branch};rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:alice@192.0.2.1>;tag=ft1\n" +
            $"To: <sip:bob@192.0.2.2>{(toTag.Length > 0 ? ";tag=" + toTag : string.Empty)}\n" +
            "Call-ID: call-1@192.0.2.1\n" +
            $"CSeq: {cseq} {cseqMethod ?? method}\n" +
            "Contact: <sip:alice@192.0.2.1:5060>\n" +
            "Content-Length: 0\n\n");

    public static SipResponse Response(SipRequest request, int code, string toTag = "tt1") =>
        SipResponseBuilder.CreateFor(request, code, null, code == 100 ? null : toTag).Build();
}
