using System.Text.Json;

namespace CallSync.Agent.Hosting;

/// <summary>A component that reports one line of the agent's status (for <c>callsync status</c> and the ready line).</summary>
internal interface IStatusSource
{
    /// <summary>A short label: "sip", "registration", "mqtt", "companion", "call".</summary>
    string Name { get; }

    /// <summary>The component's state now, in a few words.</summary>
    string Describe();

    /// <summary>
    /// The component's state as the members of its object in <c>callsync status --json</c> (a health check reads these);
    /// by default only its line, as <c>text</c>. A source with fields a program should read writes them too.
    /// </summary>
    void WriteJson(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteString("text", Describe());
    }

    /// <summary>
    /// Why the component is not healthy now (for <c>callsync status --json</c> and the flashing tool's health gate), or
    /// null when it is healthy or has nothing that can fail.
    /// </summary>
    string? Problem() => null;
}
