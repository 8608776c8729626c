using System.Diagnostics;
using CallSync.Agent.Configuration;
using CallSync.Configuration;
using CallSync.Hal;
using CallSync.Media;
using CallSync.Recording;

namespace CallSync.Agent.Hosting;

/// <summary>
/// The system libraries the agent needs, checked at start: a board missing one (a package not installed, a
/// half-copied install) fails with one line naming each such library and where it comes from, not at the first call
/// that needs it. The libraries are loaded in a child process (<c>callsync-agent --check-libraries</c>), not in the
/// agent: libspandsp pulls in libstdc++, which never unloads, and kept it resident in every call (18.9 against
/// 18.5 MiB, `make bench-call-memory`).
/// </summary>
internal static class NativeLibraryCheck
{
    /// <summary>The command-line switch of the check on its own (also a technician's command).</summary>
    public const string Switch = "--check-libraries";

    private static readonly TimeSpan ChildLimit = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<NativeDependency> Required { get; } =
    [
        .. MediaNativeDependencies.All,
        .. RecordingNativeDependencies.All,
        // The records store's SQLite (Microsoft.Data.Sqlite's e_sqlite3 provider) ships beside the agent, not in Debian.
        new("e_sqlite3", "the agent's release bundle: libe_sqlite3.so beside the agent", typeof(NativeLibraryCheck).Assembly),
    ];

    /// <summary>
    /// <c>--check-libraries</c>: loads each library in this process, writes one line per library that loads to
    /// <paramref name="output"/>, and the problems as one line to <paramref name="error"/>; exit 0, or 2.
    /// </summary>
    public static int Run(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var problems = new List<string>();
        foreach (NativeDependency dependency in Required)
        {
            if (dependency.TryLoad(out string reason))
            {
                output.WriteLine($"{dependency.Library}: loads ({dependency.Source})");
            }
            else
            {
                problems.Add($"{dependency.Library} cannot be loaded ({reason}); it comes with {dependency.Source}");
            }
        }

        if (problems.Count == 0)
        {
            return 0;
        }

        error.WriteLine("start-up: " + string.Join("; ", problems));
        return ConfigCheck.ExitInvalid;
    }

    /// <summary>
    /// Runs <c>--check-libraries</c> in a child process: this program again. Started as <c>dotnet callsync-agent.dll</c>,
    /// the process is the dotnet host and the dll goes first; a NativeAOT binary or an apphost is the program itself.
    /// </summary>
    /// <exception cref="StartupError">A library cannot be loaded (the child's line), or the check itself failed.</exception>
    public static void RequireInChild()
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new StartupError("start-up: the agent's own path is unknown"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileName(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(Environment.GetCommandLineArgs()[0]); // the dll
        }

        start.ArgumentList.Add(Switch);
        using Process child = Process.Start(start) ?? throw new StartupError("start-up: the native library check did not start");
        Task<string> errors = child.StandardError.ReadToEndAsync();
        _ = child.StandardOutput.ReadToEndAsync();
        if (!child.WaitForExit(ChildLimit))
        {
            child.Kill();
            throw new StartupError($"start-up: the native library check ({Switch}) did not finish within {ChildLimit.TotalSeconds:0} s");
        }

        string message = errors.GetAwaiter().GetResult().Trim();
        if (child.ExitCode != 0)
        {
            throw new StartupError(message.StartsWith("start-up: ", StringComparison.Ordinal)
                ? message
                : $"start-up: the native library check ({Switch}) failed with exit {child.ExitCode}: {message}");
        }
    }

    /// <summary>
    /// A library the runtime failed to load while the host was built or started, one this check does not list, as the
    /// one-line start-up error; null when <paramref name="error"/> is something else.
    /// </summary>
    public static string? LoadFailureLine(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException missing)
            {
                return $"start-up: {NativeDependency.LibraryOf(missing)} cannot be loaded ({NativeDependency.ReasonOf(missing)})";
            }
        }

        return null;
    }
}
