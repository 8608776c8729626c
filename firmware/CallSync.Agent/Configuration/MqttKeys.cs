using CallSync.Configuration;

namespace CallSync.Agent.Configuration;

/// <summary>The Mqtt section: declared keys and how they become <see cref="MqttOptions"/> (null without the section).</summary>
internal static class MqttKeys
{
    public static readonly ConfigSection Section = new("Mqtt",
        "The link to the hub's broker. No `Mqtt` section means no broker link (records still queue in the durable outbox).");

    public static readonly ConfigKey<Uri?> Url = Section.Optional("Url",
        ConfigValues.Url("mqtt://HOST:PORT or mqtts://HOST:PORT", "mqtt", "mqtts"),
        "the broker; `mqtts://` is MQTT over TLS", defaultText: "(required in the section)");

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

    public static readonly ConfigKey<bool> Embedded = Section.Add("Embedded", ConfigValues.Bool(), false,
        "run an embedded MQTT broker on `Mqtt:Url`'s port (for a one-box setup and `make run`)");

    public static MqttOptions? Read(ConfigReader reader)
    {
        if (!reader.Exists(Section))
        {
            return null;
        }

        var url = reader.Get(Url);
        if (url is null && !reader.HasProblem(Url))
        {
            reader.Missing(Url, Url.Accepts);
        }

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
            Url = url ?? new Uri("mqtt://invalid"),
            Username = reader.Get(Username),
            Password = reader.Get(Password),
            ClientCertificate = certificate,
            ClientKey = key,
            CaCertificate = reader.Get(CaCertificate),
            KeepAlive = reader.Get(KeepAlive),
            OutboxLimit = reader.Get(OutboxLimit),
            Embedded = reader.Get(Embedded),
        };
    }
}
