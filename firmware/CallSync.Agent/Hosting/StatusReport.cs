using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CallSync.Agent.Hosting;

/// <summary>
/// Joins every <see cref="IStatusSource"/> into the agent's status. The sources are looked up when asked, not
/// when built, because some sources (the control server) themselves depend on the status.
/// </summary>
internal sealed class StatusReport(IServiceProvider services)
{
    /// <summary>One "name: state" line per source.</summary>
    public string Lines()
    {
        var text = new StringBuilder();
        foreach (var source in Sources())
        {
            text.Append(source.Name).Append(": ").AppendLine(source.Describe());
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The status as one JSON object, a member per source (<c>{"sip": {"text": ..., "tls": {"lastError": null}}, ...}</c>),
    /// for <c>callsync status --json</c>.
    /// </summary>
    public string Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            foreach (var source in Sources())
            {
                json.WriteStartObject(source.Name);
                source.WriteJson(json);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>All sources on one line, for the log.</summary>
    public string OneLine() => string.Join("; ", Sources().Select(s => $"{s.Name}: {s.Describe()}"));

    private IEnumerable<IStatusSource> Sources() => services.GetServices<IStatusSource>();
}
