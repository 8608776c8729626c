using System.Text;
using CallSync.Tests.Shared.Sip;

namespace CallSync.Benchmarks.Sip;

/// <summary>The ~900-byte INVITE with SDP and its 200 OK used by the SIP benchmarks.</summary>
internal static class SipBenchmarkMessages
{
    internal static readonly byte[] Invite = Encoding.ASCII.GetBytes(SipSampleTexts.InviteText);

    internal static readonly byte[] Ok = Encoding.ASCII.GetBytes(SipSampleTexts.OkText);
}
