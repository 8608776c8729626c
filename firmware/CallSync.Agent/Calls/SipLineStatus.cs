using CallSync.Agent.Hosting;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>The "sip" and registration line of the status.</summary>
internal sealed class SipLineStatus(SipUserAgent agent, Configuration.AgentOptions options) : IStatusSource
{
    public string Name => "sip";

    public string Describe()
    {
        var listening = string.Join(", ", agent.LocalEndPoints.Select(e => e.ToString()));
        var registration = options.Sip.Registrar is null
            ? "no registrar configured"
            : agent.Registration.IsRegistered
                ? $"registered at {options.Sip.Registrar} as {options.Sip.UserAgent.AuthUser}"
                : $"not registered at {options.Sip.Registrar}: {agent.Registration.Reason}";
        return $"listening on {listening}; {registration}; {agent.HandlingTimes}";
    }

    // Healthy: listening, and registered when a registrar is configured.
    public string? Problem() =>
        !agent.LocalEndPoints.Any() ? "not listening"
        : options.Sip.Registrar is not null && !agent.Registration.IsRegistered ? $"not registered at {options.Sip.Registrar}: {agent.Registration.Reason}"
        : null;
}
