using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>The Mqtt section: declared keys and how they become <see cref="MqttOptions"/> (null without the section).</summary>
internal static class MqttKeys
{
    public static readonly ConfigSection Section = new("Mqtt",
        "The link to the hub's broker. An enrolled phone (`callsync enroll`, or the `Enrollment` section) takes the broker URL, " +
        "user name and password from its stored credentials, which win over `Url`, `Username` and `Password` here; the other " +
        "keys still apply. Neither enrolled nor configured: records queue in the durable outbox until the phone is enrolled.");

    public static readonly ConfigKey<Uri?> Url = Section.Optional("Url",
        ConfigValues.Url("mqtt://HOST:PORT or mqtts://HOST:PORT", "mqtt", "mqtts"),
        "the broker, for a phone configured by hand instead of enrolled; `mqtts://` is MQTT over TLS", defaultText: "(from enrollment)");

    public static readonly ConfigKey<string?> Username = Section.Optional("Username", ConfigValues.Text("a user name"), "broker user name");

    public static readonly ConfigKey<string?> Password = Section.Optional("Password", ConfigValues.Text("a password of at most 256 characters"),
        "broker password", ConfigKeyFlags.Secret);

    public static readonly ConfigKey<string?> ClientCertificate = Section.Optional("ClientCertificate", ConfigValues.Text("a file path", maxLength: 4096),
        "PEM client certificate for TLS client authentication (needs `mqtts://` and `Mqtt:ClientKey`)");

    public static readonly ConfigKey<string?> ClientKey = Section.Optional("ClientKey", ConfigValues.Text("a file path", maxLength: 4096),
        "the client certificate's PEM private key");

    public static readonly ConfigKey<string?> CaCertificate = Section.Optional("CaCertificate", ConfigValues.Text("a file path", maxLength: 4096),
        "PEM CA that signed the broker's certificate", defaultText: "the system's CA store");

    public static readonly ConfigKey<TimeSpan> KeepAlive = Section.Add("KeepAlive",
        ConfigValues.Duration(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(30)), TimeSpan.FromSeconds(30),
        "MQTT keep-alive; the broker publishes the offline Last Will after 1.5 times this");

    public static readonly ConfigKey<int> OutboxLimit = Section.Add("OutboxLimit", ConfigValues.Number(100, 10_000_000), 100_000,
        "call records the durable outbox holds before refusing new ones (an alert is logged at 80 %)");

    public static MqttOptions? Read(ConfigReader reader)
    {
        if (!reader.Exists(Section))
        {
            return null;
        }

        var url = reader.Get(Url);
        var certificate = reader.Get(ClientCertificate);
        var key = reader.Get(ClientKey);
        if (certificate is not null && url is not null && url.Scheme != "mqtts")
        {
            reader.Fail(Url, "an mqtts:// URL when Mqtt:ClientCertificate is set");
        }

        if (certificate is not null && key is null)
        {
            reader.Missing(ClientKey, "the PEM private key of Mqtt:ClientCertificate");
        }

        return new MqttOptions
        {
            Url = url,
            Username = reader.Get(Username),
            Password = reader.Get(Password),
            ClientCertificate = certificate,
            ClientKey = key,
            CaCertificate = reader.Get(CaCertificate),
            KeepAlive = reader.Get(KeepAlive),
            OutboxLimit = reader.Get(OutboxLimit),
        };
    }
}
