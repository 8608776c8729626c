using System.Text;
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

    /// <summary>All sources on one line, for the log.</summary>
    public string OneLine() => string.Join("; ", Sources().Select(s => $"{s.Name}: {s.Describe()}"));

    private IEnumerable<IStatusSource> Sources() => services.GetServices<IStatusSource>();
}
