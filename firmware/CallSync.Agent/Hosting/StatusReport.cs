using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CallSync.Agent.Hosting;

/// <summary>
/// Joins every <see cref="IStatusSource"/> into the agent's status. The sources are looked up when asked, not
/// when built, because some sources (the control server) themselves depend on the status.
/// </summary>
internal sealed class StatusReport(IServiceProvider services, string version)
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
    /// The status as one JSON object (docs/flashing.md, "Health gate"): <c>healthy</c> (no source reports a problem),
    /// <c>version</c>, <c>problems</c> ("name: why") and <c>sources</c>, an object per source with its line as
    /// <c>text</c> and the fields a program reads (<c>sources.sip.registration.registered</c>,
    /// <c>sources.sip.tls.lastError</c>), for <c>callsync status --json</c>.
    /// </summary>
    public string Json()
    {
        var sources = Sources().ToList();
        var problems = ProblemsOf(sources);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteBoolean("healthy", problems.Count == 0);
            json.WriteString("version", version);
            json.WriteStartArray("problems");
            problems.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteStartObject("sources");
            foreach (var source in sources)
            {
                json.WriteStartObject(source.Name);
                source.WriteJson(json);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What keeps the agent from being healthy now ("name: why"); empty when it is.</summary>
    public IReadOnlyList<string> Problems() => ProblemsOf(Sources());

    /// <summary>All sources on one line, for the log.</summary>
    public string OneLine() => string.Join("; ", Sources().Select(s => $"{s.Name}: {s.Describe()}"));

    private IEnumerable<IStatusSource> Sources() => services.GetServices<IStatusSource>();

    private static List<string> ProblemsOf(IEnumerable<IStatusSource> sources) =>
        sources.Select(s => s.Problem() is { } why ? $"{s.Name}: {why}" : null).OfType<string>().ToList();
}
