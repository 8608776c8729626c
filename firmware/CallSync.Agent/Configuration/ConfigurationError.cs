using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>
/// A configuration the agent cannot use. <see cref="Report"/> lists every problem; <see cref="Message"/> is the one
/// line the agent prints (the first problem, and how many more) before it exits with code 2.
/// </summary>
internal sealed class ConfigurationError : Exception
{
    /// <summary>An error for a report with at least one problem.</summary>
    public ConfigurationError(ConfigReport report)
        : base(Summary(report))
    {
        Report = report;
    }

    /// <summary>Every problem and warning.</summary>
    public ConfigReport Report { get; }

    /// <summary>The first problem's full key, e.g. "Sip:AutoAnswer".</summary>
    public string Key => Report.Problems[0].Key;

    private static string Summary(ConfigReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.IsValid)
        {
            throw new ArgumentException("a configuration error needs a problem", nameof(report));
        }

        return report.Summary(AgentOptionsReader.CheckCommand);
    }
}
