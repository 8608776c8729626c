using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CallSync.Hub.Configuration;

/// <summary>
/// Reads and validates <see cref="HubOptions"/> from configuration without reflection (NativeAOT-safe).
/// The first invalid key stops reading with one line naming the key, the value and what was expected.
/// </summary>
internal static class HubOptionsReader
{
    public static bool TryRead(IConfiguration configuration, out HubOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new Reader(configuration);
        var defaults = new HubOptions();
        var dataDir = Path.GetFullPath(reader.String("Storage:DataDir", defaults.Storage.DataDir, "a directory path", static v => v.IndexOfAny(Path.GetInvalidPathChars()) < 0));
        options = new HubOptions
        {
            Http = new HttpOptions
            {
                Urls = reader.String("Http:Urls", defaults.Http.Urls, "one or more http:// or https:// URLs separated by ';'",
                    static v => v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .All(u => Uri.TryCreate(u.Replace("*", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")),
                CertificatePath = reader.Optional("Http:CertificatePath"),
                CertificateKeyPath = reader.Optional("Http:CertificateKeyPath"),
            },
            Storage = new StorageOptions
            {
                Provider = reader.Enum("Storage:Provider", defaults.Storage.Provider),
                DataDir = dataDir,
                ConnectionString = reader.String("Storage:ConnectionString", "Data Source=" + Path.Combine(dataDir, "hub.db"), "a non-empty connection string", static v => v.Length > 0),
            },
            Mqtt = new MqttOptions
            {
                Host = reader.String("Mqtt:Host", defaults.Mqtt.Host, "a host name or IP address", static v => Uri.CheckHostName(v) != UriHostNameType.Unknown),
                Port = reader.Int("Mqtt:Port", defaults.Mqtt.Port, 1, 65535),
                Username = reader.String("Mqtt:Username", defaults.Mqtt.Username, "1-64 letters, digits, '.', '_' or '-' (it is also the client id)",
                    static v => v.Length is > 0 and <= 64 && v.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')),
                Password = reader.Optional("Mqtt:Password"),
                SharedGroup = reader.String("Mqtt:SharedGroup", defaults.Mqtt.SharedGroup, "empty or a name without '/', '+' or '#'",
                    static v => v.IndexOfAny(['/', '+', '#']) < 0, allowEmpty: true),
                SessionExpirySeconds = reader.Int("Mqtt:SessionExpirySeconds", defaults.Mqtt.SessionExpirySeconds, 0, int.MaxValue),
                ReceiveMaximum = reader.Int("Mqtt:ReceiveMaximum", defaults.Mqtt.ReceiveMaximum, 1, 65535),
                Embedded = reader.Bool("Mqtt:Embedded", defaults.Mqtt.Embedded),
                EmbeddedPort = reader.Int("Mqtt:EmbeddedPort", defaults.Mqtt.EmbeddedPort, 1, 65535),
                EmbeddedAddress = reader.String("Mqtt:EmbeddedAddress", defaults.Mqtt.EmbeddedAddress, "an IP address",
                    static v => System.Net.IPAddress.TryParse(v, out _)),
                MosquittoConfigDir = reader.Optional("Mqtt:MosquittoConfigDir") is { } mosquittoDir ? Path.GetFullPath(mosquittoDir) : null,
            },
            Security = new SecurityOptions
            {
                TokenSecret = reader.String("Security:TokenSecret", defaults.Security.TokenSecret, "empty (generated) or a secret of at least 32 characters",
                    static v => v.Length is 0 or >= 32, allowEmpty: true, secret: true),
                TokenLifetime = reader.Duration("Security:TokenLifetime", defaults.Security.TokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)),
                PasswordIterations = reader.Int("Security:PasswordIterations", defaults.Security.PasswordIterations, 100_000, 10_000_000),
                SignInLimitPerUser = reader.Int("Security:SignInLimitPerUser", defaults.Security.SignInLimitPerUser, 1, 1000),
                SignInLimitPerAddress = reader.Int("Security:SignInLimitPerAddress", defaults.Security.SignInLimitPerAddress, 1, 100_000),
                SignInWindow = reader.Duration("Security:SignInWindow", defaults.Security.SignInWindow, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1)),
            },
            Push = new PushOptions
            {
                DigestCheckInterval = reader.Duration("Push:DigestCheckInterval", defaults.Push.DigestCheckInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            },
            Dial = new DialOptions
            {
                Timeout = reader.Duration("Dial:Timeout", defaults.Dial.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10)),
                MaxCallDuration = reader.Duration("Dial:MaxCallDuration", defaults.Dial.MaxCallDuration, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
            },
            Admin = new AdminOptions
            {
                User = reader.Optional("Admin:User"),
                Password = reader.Optional("Admin:Password"),
            },
            Enrollment = new EnrollmentOptions
            {
                CodeLifetime = reader.Duration("Enrollment:CodeLifetime", defaults.Enrollment.CodeLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)),
                BrokerUrl = reader.Optional("Enrollment:BrokerUrl"),
            },
        };
        if (reader.Error is null && options.Enrollment.BrokerUrl is { } brokerUrl && !CallSync.Mqtt.BrokerAddress.TryParse(brokerUrl, out _))
        {
            reader.Fail("Enrollment:BrokerUrl", brokerUrl, "mqtt://host[:port] or mqtts://host[:port]");
        }

        if (reader.Error is null && options.Http.CertificatePath is null
            && options.Http.Urls.Contains("https:", StringComparison.OrdinalIgnoreCase))
        {
            reader.Fail("Http:CertificatePath", string.Empty, "a PEM certificate file when Http:Urls has an https:// URL");
        }

        if (reader.Error is null && options.Admin.User is not null)
        {
            if (!UserIdRules.IsValid(options.Admin.User))
            {
                reader.Fail("Admin:User", options.Admin.User, UserIdRules.Description);
            }
            else if (options.Admin.Password is null || options.Admin.Password.Length < 8)
            {
                reader.Fail("Admin:Password", "(hidden)", "a password of at least 8 characters when Admin:User is set");
            }
        }

        error = reader.Error ?? string.Empty;
        return reader.Error is null;
    }

    private sealed class Reader(IConfiguration configuration)
    {
        public string? Error { get; private set; }

        public void Fail(string key, string value, string expected)
        {
            Error ??= string.Create(CultureInfo.InvariantCulture, $"invalid configuration: {key} = '{value}': expected {expected}");
        }

        public string? Optional(string key)
        {
            var value = configuration[key];
            return string.IsNullOrEmpty(value) ? null : value;
        }

        public string String(string key, string fallback, string expected, Func<string, bool> isValid, bool allowEmpty = false, bool secret = false)
        {
            var value = configuration[key];
            if (value is null || (value.Length == 0 && !allowEmpty))
            {
                value = fallback;
            }

            if (!isValid(value))
            {
                Fail(key, secret ? (value.Length == 0 ? string.Empty : "(hidden)") : value, expected);
            }

            return value;
        }

        public int Int(string key, int fallback, int min, int max)
        {
            var raw = configuration[key];
            if (string.IsNullOrEmpty(raw))
            {
                return fallback;
            }

            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Fail(key, raw, string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}"));
            return fallback;
        }

        public bool Bool(string key, bool fallback)
        {
            var raw = configuration[key];
            if (string.IsNullOrEmpty(raw))
            {
                return fallback;
            }

            if (bool.TryParse(raw, out var value))
            {
                return value;
            }

            Fail(key, raw, "true or false");
            return fallback;
        }

        public TimeSpan Duration(string key, TimeSpan fallback, TimeSpan min, TimeSpan max)
        {
            var raw = configuration[key];
            if (string.IsNullOrEmpty(raw))
            {
                return fallback;
            }

            if (TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Fail(key, raw, string.Create(CultureInfo.InvariantCulture, $"a duration hh:mm:ss from {min:c} to {max:c}"));
            return fallback;
        }

        public StorageProvider Enum(string key, StorageProvider fallback)
        {
            var raw = configuration[key];
            if (string.IsNullOrEmpty(raw))
            {
                return fallback;
            }

            if (string.Equals(raw, "sqlite", StringComparison.OrdinalIgnoreCase))
            {
                return StorageProvider.Sqlite;
            }

            if (string.Equals(raw, "postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(raw, "postgresql", StringComparison.OrdinalIgnoreCase))
            {
                return StorageProvider.Postgres;
            }

            Fail(key, raw, "sqlite or postgres");
            return fallback;
        }
    }
}
