using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Configuration;

/// <summary>Every setting of the hub, read once at start-up and validated by <see cref="HubOptionsReader"/>.</summary>
internal sealed class HubOptions
{
    public HttpOptions Http { get; init; } = new();

    public StorageOptions Storage { get; init; } = new();

    public MqttOptions Mqtt { get; init; } = new();

    public SecurityOptions Security { get; init; } = new();

    public PushOptions Push { get; init; } = new();

    public DialOptions Dial { get; init; } = new();

    public AdminOptions Admin { get; init; } = new();

    public RecordingsOptions Recordings { get; init; } = new();

    public WebOptions Web { get; init; } = new();

    public EnrollmentOptions Enrollment { get; init; } = new();

    /// <summary>Log levels by category (<c>Default</c> for all), validated.</summary>
    public IReadOnlyDictionary<string, LogLevel> LogLevels { get; init; } = new Dictionary<string, LogLevel>();

    /// <summary>Logging:FloodLimit: lines of one kind per minute before the rest are only counted; 0: all written.</summary>
    public int LogFloodLimit { get; init; } = 60;
}
