using System.Text.Json;
using CallSync.Agent.Hosting;
using CallSync.Sip.UserAgent;

namespace CallSync.Agent.Calls;

/// <summary>
/// The "sip" line of the status: where the user agent listens, its registration, and why the last TLS connection was
/// refused (<c>sources.sip.tls.lastError</c> in the JSON, null when none was), so a technician and a health check see a
/// certificate that fails validation.
/// </summary>
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
        var tls = agent.LastTlsError is { } error ? $"; {error}" : string.Empty;
        return $"listening on {listening}; {registration}{tls}; {agent.HandlingTimes}";
    }

    public void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteString("text", Describe());
        json.WriteStartArray("listening");
        foreach (var endPoint in agent.LocalEndPoints)
        {
            json.WriteStringValue(endPoint.ToString());
        }

        json.WriteEndArray();
        var registration = agent.Registration;
        json.WriteStartObject("registration");
        json.WriteBoolean("configured", options.Sip.Registrar is not null);
        json.WriteString("registrar", options.Sip.Registrar);
        json.WriteBoolean("registered", registration.IsRegistered);
        json.WriteNumber("statusCode", registration.StatusCode);
        json.WriteString("reason", registration.Reason);
        json.WriteEndObject();
        json.WriteStartObject("tls");
        json.WriteString("lastError", agent.LastTlsError);
        json.WriteEndObject();
    }

    // Healthy: listening, and registered when a registrar is configured.
    public string? Problem() =>
        !agent.LocalEndPoints.Any() ? "not listening"
        : options.Sip.Registrar is not null && !agent.Registration.IsRegistered ? $"not registered at {options.Sip.Registrar}: {agent.Registration.Reason}"
        : null;
}
