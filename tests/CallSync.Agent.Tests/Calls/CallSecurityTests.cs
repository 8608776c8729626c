using System.Text.Json;
using CallSync.Agent.Calls;
using CallSync.Contracts;
using CallSync.Sip.Transport;

namespace CallSync.Agent.Tests.Calls;

/// <summary>The record's <c>security</c>: from the call's signalling transport and whether its media was SRTP throughout.</summary>
public sealed class CallSecurityTests
{
    [Theory]
    [InlineData(SipTransportKind.Udp, false, CallSecurity.None, "none")]
    [InlineData(SipTransportKind.Tcp, false, CallSecurity.None, "none")]
    [InlineData(SipTransportKind.Tls, false, CallSecurity.Tls, "tls")]
    [InlineData(SipTransportKind.Udp, true, CallSecurity.Srtp, "srtp")]
    [InlineData(SipTransportKind.Tls, true, CallSecurity.TlsAndSrtp, "tls+srtp")]
    public void SecurityOf_TransportAndMedia_TheContractValueAndItsJson(SipTransportKind transport, bool srtp, CallSecurity expected, string json)
    {
        var security = CallSession.SecurityOf(transport, srtp);

        Assert.Equal(expected, security);
        // The default encoder writes '+' as \u002B; any JSON reader gets "tls+srtp" back.
        var written = JsonSerializer.Serialize(security, CallSyncJsonContext.Default.CallSecurity);
        Assert.Equal(json, JsonDocument.Parse(written).RootElement.GetString());
        Assert.Equal(expected, JsonSerializer.Deserialize(written, CallSyncJsonContext.Default.CallSecurity));
    }
}
