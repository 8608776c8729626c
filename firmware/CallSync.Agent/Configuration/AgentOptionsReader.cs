using CallSync.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>
/// Turns raw configuration (JSON file, CALLSYNC_ environment variables, command line) into validated
/// <see cref="AgentOptions"/>. Every key is declared once, in its section's <c>*Keys</c> class (name, kind of
/// value, default, documentation); <see cref="Schema"/> gathers them for the unknown-key warnings and the
/// reference in docs/configuration.md (<c>callsync-agent --print-config-reference</c>).
/// </summary>
internal static class AgentOptionsReader
{
    /// <summary>Where the agent keeps its data unless told otherwise.</summary>
    public const string DefaultDataDir = "/var/lib/callsync";

    /// <summary>The command that lists every problem, named in the one line printed at start.</summary>
    public const string CheckCommand = "callsync-agent --check-config FILE";

    /// <summary>Every section and key the agent reads, in reference order.</summary>
    public static ConfigSchema Schema { get; } = new("callsync-agent",
    [
        DeviceKeys.Section, BoardKeys.Section, SipKeys.Section, RtpKeys.Section, RecordingKeys.Section, StorageKeys.Section, MqttKeys.Section,
        EnrollmentKeys.Section, CompanionKeys.Section, ControlKeys.Section, LoggingKeys.Section,
    ]);

    /// <summary>Reads and validates everything; unknown keys are returned as warnings (an older agent still starts with a newer file).</summary>
    /// <exception cref="ConfigurationError">At least one value is missing or invalid; it lists every one.</exception>
    public static AgentOptions Read(IConfiguration configuration, out IReadOnlyList<ConfigWarning> warnings)
    {
        var options = TryRead(configuration, out var report);
        warnings = report.Warnings;
        return options ?? throw new ConfigurationError(report);
    }

    /// <summary>Reads and validates everything; null when the report has problems. Never throws on a value.</summary>
    public static AgentOptions? TryRead(IConfiguration configuration, out ConfigReport report)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new ConfigReader(configuration);
        var device = DeviceKeys.Read(reader);
        var board = BoardKeys.Read(reader);
        var sip = SipKeys.Read(reader, device.Number);
        var options = new AgentOptions
        {
            Device = device,
            Board = board,
            Sip = sip,
            Rtp = RtpKeys.Read(reader, sip),
            Recording = RecordingKeys.Read(reader),
            Storage = StorageKeys.Read(reader),
            Mqtt = MqttKeys.Read(reader),
            Enrollment = EnrollmentKeys.Read(reader),
            Companion = CompanionKeys.Read(reader),
            Control = ControlKeys.Read(reader, device),
            LogLevels = LoggingKeys.Read(reader),
            LogFloodLimit = reader.Get(LoggingKeys.FloodLimit),
        };
        report = new ConfigReport(reader.Problems, Schema.FindUnknownKeys(configuration));
        return report.IsValid ? options : null;
    }
}
