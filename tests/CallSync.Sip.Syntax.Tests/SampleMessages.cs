using System.Text;
using CallSync.Tests.Shared.Sip;

namespace CallSync.Sip.Syntax.Tests;

/// <summary>Representative messages a desk phone exchanges.</summary>
internal static class SampleMessages
{
    internal const string InviteText = SipSampleTexts.InviteText;

    internal const string OkText = SipSampleTexts.OkText;

    internal static byte[] Invite => Encoding.UTF8.GetBytes(InviteText);

    internal static byte[] Ok => Encoding.UTF8.GetBytes(OkText);

    internal static SipMessage Parse(string text)
    {
        Assert.True(SipMessage.TryParse(Encoding.UTF8.GetBytes(text), out var message, out var error), error.Reason);
        return message;
    }
}
