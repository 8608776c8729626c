using CallSync.Agent.Configuration;
using CallSync.Sdp;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>The agent's Sip section as the SIP user agent's options.</summary>
internal static class SipOptionsMapper
{
    public static SipUserAgentOptions Map(AgentOptions options, SdpLocalMedia media)
    {
        var sip = options.Sip;
        return new SipUserAgentOptions
        {
            ListenEndPoints = [.. sip.Listen.Select(l => l.ToString())],
            User = sip.Username ?? options.Device.Number,
            AuthUser = sip.Username,
            Password = sip.Password,
            Domain = sip.Domain,
            Register = sip.Registrar is not null,
            RegisterExpires = sip.RegisterExpires,
            MaxCalls = sip.MaxCalls,
            UserAgentName = sip.UserAgent,
            SessionExpires = sip.SessionExpires,
            MinSessionExpires = sip.MinSessionExpires,
            Media = media,
        };
    }
}
