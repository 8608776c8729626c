using CallSync.Sip.Transport;
using CallSync.Sip.Transport.Tls;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Configuration;

/// <summary>The Sip section: the user agent's own options (handed to it as they are), and what the agent adds around it.</summary>
internal sealed record SipOptions
{
    /// <summary>
    /// Sip:Listen, Sip:Username (or Device:Number), Sip:Password, Sip:Domain, Sip:Registrar (as Register and DomainTransport),
    /// Sip:Tls:* (loaded, as Tls),
    /// Sip:RegisterExpires, Sip:MaxCalls, Sip:UserAgent, Sip:SessionExpires, Sip:MinSessionExpires.
    /// </summary>
    public required SipUserAgentOptions UserAgent { get; init; }

    /// <summary>Sip:Listen, parsed once (the user agent binds these).</summary>
    public IReadOnlyList<SipListenEndPoint> Listen => UserAgent.ListenEndPoints;

    /// <summary>Sip:AutoAnswer: when the call manager answers by itself.</summary>
    public AutoAnswerMode AutoAnswer { get; init; }

    /// <summary>The delay of <see cref="AutoAnswerMode.AfterDelay"/>.</summary>
    public TimeSpan AutoAnswerDelay { get; init; }

    /// <summary>Sip:Registrar as written (a SIP URI), or null: no registration.</summary>
    public string? Registrar { get; init; }

    /// <summary>
    /// Sip:Codecs in order of preference, spelled <c>G722</c>, <c>PCMU</c>, <c>PCMA</c>, <c>opus</c>,
    /// <c>telephone-event</c>; at least one audio codec, no repeats.
    /// </summary>
    public required IReadOnlyList<string> Codecs { get; init; }

    /// <summary>Sip:Tls:* as configured (the files); their loaded content is the user agent's <see cref="SipUserAgentOptions.Tls"/>.</summary>
    public required SipTlsOptions Tls { get; init; }
}
