namespace CallSync.Configuration;

/// <summary>Everything wrong with a configuration: every problem (the program refuses it) and every warning.</summary>
public sealed class ConfigReport
{
    /// <summary>A report.</summary>
    public ConfigReport(IReadOnlyList<ConfigProblem> problems, IReadOnlyList<ConfigWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(warnings);
        Problems = problems;
        Warnings = warnings;
    }

    /// <summary>Values that cannot be used, in the order the keys are declared.</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>Unknown keys.</summary>
    public IReadOnlyList<ConfigWarning> Warnings { get; }

    /// <summary>No problems (warnings allowed).</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>
    /// The one line a program prints when it refuses to start: the first problem, and how many more there are
    /// and which command lists them.
    /// </summary>
    public string Summary(string checkCommand)
    {
        if (IsValid)
        {
            return "configuration: valid";
        }

        var first = Problems[0].Message;
        return Problems.Count == 1 ? first : $"{first} (and {Problems.Count - 1} more: {checkCommand} lists them all)";
    }
}
