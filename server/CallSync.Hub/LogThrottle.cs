using CallSync.Configuration.Logging;

namespace CallSync.Hub;

/// <summary>
/// Rate-limits log lines caused by outside input (refused sign-ins, refused broker clients, rejected messages) per
/// subject: at most one line per key per <see cref="Interval"/>, reporting how many were suppressed since. The same
/// <see cref="LogFloodGate"/> that limits every line of a kind (<c>Logging:FloodLimit</c>), keyed by subject instead, so a
/// flood from one address cannot use up the lines another address's refusals need. Bounded (<see cref="LogFloodGate.MaxKinds"/>).
/// </summary>
internal sealed class LogThrottle(TimeProvider timeProvider)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly LogFloodGate _gate = new(timeProvider, burst: 1, Interval);

    /// <summary>True when a line for <paramref name="key"/> may be written now; <paramref name="suppressed"/> counts the ones held back before it.</summary>
    public bool ShouldLog(string key, out long suppressed) => _gate.TryPass(key, 0, out suppressed);
}
