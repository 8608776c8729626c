namespace CallSync.Hub.Configuration;

/// <summary>Phone enrollment (docs/security.md, "Enrollment").</summary>
internal sealed class EnrollmentOptions
{
    /// <summary>How long a one-time enrollment code stays valid.</summary>
    public TimeSpan CodeLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The broker URL given to enrolling phones; null derives it: the embedded broker's address and port (the host the
    /// phone used to reach the hub when the broker listens on every address), else <c>mqtt://Mqtt:Host:Mqtt:Port</c>.
    /// </summary>
    public string? BrokerUrl { get; init; }
}
