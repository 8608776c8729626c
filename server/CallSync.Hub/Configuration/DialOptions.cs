namespace CallSync.Hub.Configuration;

/// <summary>Remote dial requests relayed to desk phones.</summary>
internal sealed class DialOptions
{
    /// <summary>
    /// A dial the phone has not <c>accepted</c> after this long is reported as timed out; also the command's
    /// validity, so a phone that comes back later never dials a stale command.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Once accepted, the final reply comes when the call ends, so the wait is bounded only by how long a call
    /// may last (a phone that lost power mid-call never sends it).
    /// </summary>
    public TimeSpan MaxCallDuration { get; init; } = TimeSpan.FromHours(4);
}
