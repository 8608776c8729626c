using CallSync.Agent.Configuration;
using CallSync.Hal;
using CallSync.Media;
using CallSync.Recording;

namespace CallSync.Agent.Hosting;

/// <summary>
/// The system libraries the agent needs, loaded once at start: a board missing one (a package not installed, a
/// half-copied install) fails with one line naming each such library and where it comes from, not at the first call
/// that needs it.
/// </summary>
internal static class NativeLibraryCheck
{
    public static IReadOnlyList<NativeDependency> Required { get; } =
    [
        .. MediaNativeDependencies.All,
        .. RecordingNativeDependencies.All,
        // The records store's SQLite (Microsoft.Data.Sqlite's e_sqlite3 provider) ships beside the agent, not in Debian.
        new("e_sqlite3", "the agent's release bundle (libe_sqlite3.so beside the agent)", typeof(NativeLibraryCheck).Assembly),
    ];

    /// <exception cref="StartupError">One or more cannot be loaded; every one is named.</exception>
    public static void Require(IReadOnlyList<NativeDependency> dependencies)
    {
        var problems = new List<string>();
        foreach (NativeDependency dependency in dependencies)
        {
            if (!dependency.TryLoad(out string reason))
            {
                problems.Add($"{dependency.Library} cannot be loaded ({reason}); it comes with {dependency.Source}");
            }
        }

        if (problems.Count > 0)
        {
            throw new StartupError("start-up: " + string.Join("; ", problems));
        }
    }

    /// <summary>
    /// A library the runtime failed to load while the host was built or started, one this check does not list, as the
    /// one-line start-up error; null when <paramref name="error"/> is something else.
    /// </summary>
    public static StartupError? FromLoadFailure(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException missing)
            {
                return new StartupError($"start-up: {NativeDependency.LibraryOf(missing)} cannot be loaded ({NativeDependency.ReasonOf(missing)})");
            }
        }

        return null;
    }
}
