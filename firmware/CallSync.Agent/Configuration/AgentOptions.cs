using Microsoft.Extensions.Logging;

namespace CallSync.Agent.Configuration;

/// <summary>The agent's whole configuration, validated by <see cref="AgentOptionsReader"/>. Every key: docs/configuration.md.</summary>
internal sealed record AgentOptions
{
    /// <summary>Section Device: who this phone is and where it keeps its data.</summary>
    public required DeviceOptions Device { get; init; }

    /// <summary>Section Board: the hardware, or the simulated board.</summary>
    public required BoardOptions Board { get; init; }

    /// <summary>Section Sip: the SIP user agent's options, codecs and TLS files.</summary>
    public required SipOptions Sip { get; init; }

    /// <summary>Section Rtp: where media flows and how.</summary>
    public required RtpOptions Rtp { get; init; }

    /// <summary>Section Recording.</summary>
    public required RecordingOptions Recording { get; init; }

    /// <summary>Section Storage: the free-space floor of the data directory.</summary>
    public required StorageOptions Storage { get; init; }

    /// <summary>Section Mqtt: the broker link; null when the section is absent (records still queue in the outbox).</summary>
    public MqttOptions? Mqtt { get; init; }

    /// <summary>Section Companion: the paired mobile's link; null when Companion:Listen is not set.</summary>
    public CompanionOptions? Companion { get; init; }

    /// <summary>Section Enrollment: the hub URL and one-time code to enroll with at start; null when not set.</summary>
    public EnrollmentOptions? Enrollment { get; init; }

    /// <summary>Section Control: the technician's control socket.</summary>
    public required ControlOptions Control { get; init; }

    /// <summary>Section Logging: log levels by category (<c>Default</c> for all), already validated.</summary>
    public IReadOnlyDictionary<string, LogLevel> LogLevels { get; init; } = new Dictionary<string, LogLevel>();

    /// <summary>Logging:FloodLimit: lines of one kind per minute before the rest are only counted; 0: all written.</summary>
    public int LogFloodLimit { get; init; } = 60;
}
