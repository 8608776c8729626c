using CallSync.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>
/// Reads and validates <see cref="HubOptions"/> without reflection (NativeAOT-safe). Every key is declared once, in
/// its section's <c>*Keys</c> class; <see cref="Schema"/> gathers them for the unknown-key warnings and the reference
/// in docs/hub-configuration.md (<c>callsync-hub --print-config-reference</c>). One pass finds every problem.
/// </summary>
internal static class HubOptionsReader
{
    /// <summary>The command that lists every problem, named in the one line printed at start.</summary>
    public const string CheckCommand = "callsync-hub --check-config FILE";

    /// <summary>Every section and key the hub reads, in reference order.</summary>
    public static ConfigSchema Schema { get; } = new("callsync-hub",
    [
        HttpKeys.Section, StorageKeys.Section, MqttKeys.Section, SecurityKeys.Section, PushKeys.Section, DialKeys.Section, AdminKeys.Section,
        RecordingsKeys.Section, WebKeys.Section,
        EnrollmentKeys.Section, LoggingKeys.Section,
    ]);

    /// <summary>Reads and validates everything; null when <paramref name="report"/> has problems.</summary>
    public static HubOptions? TryRead(IConfiguration configuration, out ConfigReport report)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new ConfigReader(configuration);
        var options = new HubOptions
        {
            Http = HttpKeys.Read(reader),
            Storage = StorageKeys.Read(reader),
            Mqtt = MqttKeys.Read(reader),
            Security = SecurityKeys.Read(reader),
            Push = PushKeys.Read(reader),
            Dial = DialKeys.Read(reader),
            Admin = AdminKeys.Read(reader),
            Recordings = RecordingsKeys.Read(reader),
            Web = WebKeys.Read(reader),
            Enrollment = EnrollmentKeys.Read(reader),
            LogLevels = LoggingKeys.Read(reader),
            LogFloodLimit = reader.Get(LoggingKeys.FloodLimit),
        };
        report = new ConfigReport(reader.Problems, Schema.FindUnknownKeys(configuration));
        return report.IsValid ? options : null;
    }
}
