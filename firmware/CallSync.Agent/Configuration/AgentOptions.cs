namespace CallSync.Agent.Configuration;

/// <summary>The agent's whole configuration, validated. See docs/configuration.md.</summary>
public sealed record AgentOptions(
    DeviceOptions Device,
    BoardOptions Board,
    SipOptions Sip,
    RtpOptions Rtp,
    RecordingOptions Recording,
    MqttOptions? Mqtt,
    CompanionOptions? Companion,
    ControlOptions Control,
    EnrollmentOptions? Enrollment = null);
