namespace CallSync.Configuration;

/// <summary>What <c>--check-config</c> prints and the exit code it returns.</summary>
public static class ConfigCheck
{
    /// <summary>The exit code of a configuration that cannot be used (at start and from <c>--check-config</c>).</summary>
    public const int ExitInvalid = 2;

    /// <summary>
    /// Writes every warning and every problem, one per line, then a summary line naming <paramref name="source"/>;
    /// returns 0 when the configuration can be used, <see cref="ExitInvalid"/> when not.
    /// </summary>
    public static int Write(TextWriter output, string source, ConfigReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        foreach (var warning in report.Warnings)
        {
            output.WriteLine("warning: " + warning.Message);
        }

        foreach (var problem in report.Problems)
        {
            output.WriteLine(problem.Message);
        }

        var warnings = Count(report.Warnings.Count, "warning");
        output.WriteLine(report.IsValid
            ? $"{source}: valid{(report.Warnings.Count > 0 ? $" ({warnings})" : "")}"
            : $"{source}: {Count(report.Problems.Count, "problem")}{(report.Warnings.Count > 0 ? $", {warnings}" : "")}");
        return report.IsValid ? 0 : ExitInvalid;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
