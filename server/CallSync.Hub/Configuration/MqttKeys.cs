using CallSync.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>The Mqtt section: declared keys and how they become <see cref="MqttOptions"/>.</summary>
internal static class MqttKeys
{
    public static readonly ConfigSection Section = new("Mqtt", "The MQTT link to the desk phones and the apps, or a broker inside the hub.");

    public static readonly ConfigKey<string> Host = Section.Add("Host",
        ConfigValues.Text("a host name or IP address", static v => Uri.CheckHostName(v) != UriHostNameType.Unknown), "127.0.0.1",
        "the broker's host (ignored when `Mqtt:Embedded` is true)");

    public static readonly ConfigKey<int> Port = Section.Add("Port", ConfigValues.Number(1, 65535), 1883, "the broker's port");

    public static readonly ConfigKey<string> Username = Section.Add("Username",
        ConfigValues.Text("1-64 letters, digits, '.', '_' or '-' (it is also the client id)",
            static v => v.Length <= 64 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')),
        "hub",
        "the hub's broker user name, **also its client id** (brokers bind the two, docs/security.md): unique per hub instance and " +
        "stable across restarts, since the hub uses a persistent session (QoS 1 records queued for it while it restarts are " +
        "delivered when it is back). No device may have this id");

    public static readonly ConfigKey<string?> Password = Section.Optional("Password", ConfigValues.Text("a password of at most 256 characters"),
        "the hub's broker password", ConfigKeyFlags.Secret, defaultText: "generated once into `Storage:DataDir` (`broker-password`)");

    public static readonly ConfigKey<string> SharedGroup = Section.Add("SharedGroup",
        ConfigValues.Text("empty or a name without '/', '+' or '#'", static v => v.IndexOfAny(['/', '+', '#']) < 0), "callsync-hub",
        "MQTT 5 shared-subscription group for `calls`, `replies` and `bind-requests`: all instances with the same group split the " +
        "messages. Empty: plain subscriptions (one instance only)", ConfigKeyFlags.EmptyIsValue);

    public static readonly ConfigKey<int> SessionExpirySeconds = Section.Add("SessionExpirySeconds", ConfigValues.Number(0, int.MaxValue), 3600,
        "how long the broker keeps this instance's session (and its queued records) while it is away, in seconds");

    public static readonly ConfigKey<int> ReceiveMaximum = Section.Add("ReceiveMaximum", ConfigValues.Number(1, 65535), 1000,
        "MQTT 5 receive maximum: unacknowledged records in flight to this instance, i.e. the largest ingest batch");

    public static readonly ConfigKey<bool> Embedded = Section.Add("Embedded", ConfigValues.Bool(), true,
        "run the MQTT broker (MQTTnet.Server) inside the hub; the hub and the phones connect to it, a small office installs " +
        "nothing. It refuses anonymous clients, applies the topic rules of docs/security.md and acknowledges a phone's record " +
        "only once the hub committed it. Plain subscriptions are used (one hub). False: an external broker at `Host`:`Port`");

    public static readonly ConfigKey<int> EmbeddedPort = Section.Add("EmbeddedPort", ConfigValues.Number(1, 65535), 1883,
        "port of the embedded broker");

    public static readonly ConfigKey<string> EmbeddedAddress = Section.Add("EmbeddedAddress",
        ConfigValues.IPAddress(null, "an IP address").Select(static a => a.ToString(), static a => a), "127.0.0.1",
        "address the embedded broker binds (`0.0.0.0` to accept phones on the LAN)");

    public static readonly ConfigKey<string?> MosquittoConfigDir = Section.Optional("MosquittoConfigDir", StorageKeys.DirectoryPath,
        "keep mosquitto's password file, ACL file and settings in this directory current (at start and whenever a device " +
        "enrolls or is revoked, or a user signs in)", defaultText: "none: only `callsync-hub mosquitto-config --out DIR` writes them");
    public static MqttOptions Read(ConfigReader reader) => new()
    {
        Host = reader.Get(Host),
        Port = reader.Get(Port),
        Username = reader.Get(Username),
        Password = reader.Get(Password),
        SharedGroup = reader.Get(SharedGroup),
        SessionExpirySeconds = reader.Get(SessionExpirySeconds),
        ReceiveMaximum = reader.Get(ReceiveMaximum),
        Embedded = reader.Get(Embedded),
        EmbeddedPort = reader.Get(EmbeddedPort),
        EmbeddedAddress = reader.Get(EmbeddedAddress),
        MosquittoConfigDir = reader.Get(MosquittoConfigDir) is { } directory ? Path.GetFullPath(directory) : null,
    };
}
