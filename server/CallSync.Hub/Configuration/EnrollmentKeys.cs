using CallSync.Configuration;
using CallSync.Mqtt;

namespace CallSync.Hub.Configuration;

/// <summary>The Enrollment section: declared keys and how they become <see cref="EnrollmentOptions"/>.</summary>
internal static class EnrollmentKeys
{
    public static readonly ConfigSection Section = new("Enrollment",
        "Phone enrollment (docs/security.md): an admin creates a device and gets a one-time code; the phone exchanges it for " +
        "its provisioning key and broker credential.");

    public static readonly ConfigKey<TimeSpan> CodeLifetime = Section.Add("CodeLifetime",
        ConfigValues.Duration(TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)), TimeSpan.FromHours(24),
        "how long a one-time enrollment code stays valid (it is also single use)");

    public static readonly ConfigKey<string?> BrokerUrl = Section.Optional("BrokerUrl",
        ConfigValues.Text("mqtt://host[:port] or mqtts://host[:port]", static v => BrokerAddress.TryParse(v, out _)),
        "the broker URL given to enrolling phones",
        defaultText: "the embedded broker's port on the host the phone used to reach the hub (when it listens on every address), " +
            "else its address; `mqtt://Mqtt:Host:Mqtt:Port` for an external broker");

    public static EnrollmentOptions Read(ConfigReader reader) => new()
    {
        CodeLifetime = reader.Get(CodeLifetime),
        BrokerUrl = reader.Get(BrokerUrl),
    };
}
