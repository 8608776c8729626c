using CallSync.Agent.Configuration;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>The agent's Sip section as the SIP user agent's options.</summary>
internal static class SipOptionsMapper
{
    public static SipUserAgentOptions Map(AgentOptions options)
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
            AutoAnswer = sip.AutoAnswer switch
            {
                AutoAnswerMode.Always when sip.AutoAnswerDelay > TimeSpan.Zero => SipAutoAnswerMode.AfterDelay,
                AutoAnswerMode.Always => SipAutoAnswerMode.Immediately,
                AutoAnswerMode.WhenRequested => SipAutoAnswerMode.WhenRequested,
                _ => SipAutoAnswerMode.Off,
            },
            AutoAnswerDelay = sip.AutoAnswerDelay,
            MaxCalls = sip.MaxCalls,
            UserAgentName = sip.UserAgent,
            SessionExpires = sip.SessionExpires,
            MinSessionExpires = sip.MinSessionExpires,
        };
    }
}
