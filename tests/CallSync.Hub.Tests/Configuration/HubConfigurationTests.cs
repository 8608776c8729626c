using CallSync.Configuration;
using CallSync.Hub.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CallSync.Hub.Tests.Configuration;

/// <summary>The hub's keys read from raw configuration: defaults, one line per problem, every problem listed, secrets that are too simple.</summary>
public sealed class HubConfigurationTests
{
    internal const string Secret = "k3T9x-Qm2vLp8Rz4Wn6Yb1Hc5Jd7Fg0S";

    internal static HubOptions? Read(out ConfigReport report, params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return HubOptionsReader.TryRead(configuration, out report);
    }

    private static string Problem(params (string Key, string Value)[] values)
    {
        Assert.Null(Read(out var report, [("Security:TokenSecret", Secret), .. values]));
        return Assert.Single(report.Problems).Message;
    }

    [Fact]
    public void TryRead_Nothing_UsesDocumentedDefaults()
    {
        var options = Read(out var report);

        Assert.NotNull(options);
        Assert.Empty(report.Warnings);
        Assert.Equal(string.Empty, options.Security.TokenSecret);
        Assert.Equal(Path.GetFullPath("callsync-hub-data"), options.Storage.DataDir);
        Assert.Equal("Data Source=" + Path.Combine(Path.GetFullPath("callsync-hub-data"), "hub.db"), options.Storage.ConnectionString);
        Assert.Equal(StorageProvider.Sqlite, options.Storage.Provider);
        Assert.Equal("http://127.0.0.1:8080", options.Http.Urls);
        Assert.Null(options.Http.Certificate);
        Assert.Equal(1883, options.Mqtt.Port);
        Assert.Equal("callsync-hub", options.Mqtt.SharedGroup);
        Assert.Equal("hub", options.Mqtt.Username);
        Assert.Null(options.Mqtt.Password);
        Assert.True(options.Mqtt.Embedded);
        Assert.Null(options.Mqtt.MosquittoConfigDir);
        Assert.Equal(5, options.Security.SignInLimitPerUser);
        Assert.Equal(20, options.Security.SignInLimitPerAddress);
        Assert.Equal(TimeSpan.FromMinutes(15), options.Security.SignInWindow);
        Assert.Equal(TimeSpan.FromHours(24), options.Enrollment.CodeLifetime);
        Assert.Null(options.Enrollment.BrokerUrl);
        Assert.Equal(600_000, options.Security.PasswordIterations);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Dial.Timeout);
        Assert.Equal(TimeSpan.FromHours(1), options.Security.TokenLifetime);
        Assert.Empty(options.LogLevels);
        Assert.Equal(string.Empty, options.Security.KeyEncryptionKey);
        Assert.Null(options.Security.PreviousKeyEncryptionKey);
        Assert.Equal(Path.Combine(Path.GetFullPath("callsync-hub-data"), "recordings"), options.Recordings.Resolve(options.Storage.DataDir).Directory);
    }

    [Fact]
    public void TryRead_RecordingsDirectoryConfigured_KeptAsGiven()
    {
        var options = Read(out _, ("Recordings:Directory", "/srv/recordings"), ("Storage:DataDir", "/var/lib/callsync-hub"));
        Assert.Equal("/srv/recordings", options!.Recordings.Resolve(options.Storage.DataDir).Directory);
    }

    [Fact]
    public void TryRead_SimpleKeyEncryptionKey_RefusedWithoutEchoingIt() =>
        Assert.Equal("configuration: Security:KeyEncryptionKey = \"(hidden)\" is invalid; expected a secret with at least 10 different characters (generate one: openssl rand -base64 48)",
            Problem(("Security:KeyEncryptionKey", "change-me-change-me-change-me-change-me")));

    [Fact]
    public void TryRead_EmptySharedGroup_MeansPlainSubscriptions() =>
        Assert.Equal(string.Empty, Read(out _, ("Security:TokenSecret", Secret), ("Mqtt:SharedGroup", ""))!.Mqtt.SharedGroup);

    [Theory]
    [InlineData("Dial:Timeout", "00:00:45", 45)]
    [InlineData("Dial:Timeout", "45s", 45)]
    [InlineData("Push:DigestCheckInterval", "2m", 120)]
    public void TryRead_Durations_HhMmSsOrUnits(string key, string value, int seconds)
    {
        var options = Read(out _, ("Security:TokenSecret", Secret), (key, value))!;

        Assert.Equal(TimeSpan.FromSeconds(seconds), key == "Dial:Timeout" ? options.Dial.Timeout : options.Push.DigestCheckInterval);
    }

    [Theory]
    [InlineData("Mqtt:Port", "70000", "configuration: Mqtt:Port = \"70000\" is invalid; expected a whole number from 1 to 65535")]
    [InlineData("Storage:Provider", "oracle", "configuration: Storage:Provider = \"oracle\" is invalid; expected sqlite or postgres")]
    [InlineData("Mqtt:Embedded", "perhaps", "configuration: Mqtt:Embedded = \"perhaps\" is invalid; expected true or false")]
    [InlineData("Security:PasswordIterations", "1000", "configuration: Security:PasswordIterations = \"1000\" is invalid; expected a whole number from 100000 to 10000000")]
    [InlineData("Dial:Timeout", "forever", "configuration: Dial:Timeout = \"forever\" is invalid; expected a duration from 1s to 10m such as 30s, 10m or 1h")]
    [InlineData("Http:Urls", "http://127.0.0.1:8080/api", "configuration: Http:Urls = \"http://127.0.0.1:8080/api\" is invalid; expected http:// or https:// URLs (scheme, host, port; no path) separated by ';'")]
    [InlineData("Http:Urls", "ftp://127.0.0.1:21", "configuration: Http:Urls = \"ftp://127.0.0.1:21\" is invalid; expected http:// or https:// URLs (scheme, host, port; no path) separated by ';'")]
    [InlineData("Mqtt:EmbeddedAddress", "localhost", "configuration: Mqtt:EmbeddedAddress = \"localhost\" is invalid; expected an IP address")]
    [InlineData("Logging:LogLevel:Default", "Loud", "configuration: Logging:LogLevel:Default = \"Loud\" is invalid; expected Trace, Debug, Information, Warning, Error, Critical or None")]
    [InlineData("Mqtt:Username", "user@alice", "configuration: Mqtt:Username = \"user@alice\" is invalid; expected 1-64 letters, digits, '.', '_' or '-' (it is also the client id)")]
    [InlineData("Enrollment:BrokerUrl", "http://hub", "configuration: Enrollment:BrokerUrl = \"http://hub\" is invalid; expected mqtt://host[:port] or mqtts://host[:port]")]
    [InlineData("Security:SignInLimitPerUser", "0", "configuration: Security:SignInLimitPerUser = \"0\" is invalid; expected a whole number from 1 to 1000")]
    [InlineData("Storage:ConnectionString", "Data Source=x.db;Colour=blue", "configuration: Storage:ConnectionString = \"(hidden)\" is invalid; expected a Microsoft.Data.Sqlite connection string such as Data Source=/var/lib/callsync-hub/hub.db")]
    public void TryRead_InvalidValue_NamesKeyValueAndExpectation(string key, string value, string expected) =>
        Assert.Equal(expected, Problem((key, value)));

    [Fact]
    public void TryRead_HttpsWithoutCertificate_NamesHttpUrls() =>
        Assert.Equal(
            "configuration: Http:Urls = \"http://127.0.0.1:8080;https://0.0.0.0:8443\" is invalid; expected http:// URLs, or https:// ones with Http:Certificate and Http:CertificateKey set",
            Problem(("Http:Urls", "http://127.0.0.1:8080;https://0.0.0.0:8443")));

    [Fact]
    public void TryRead_PostgresConnectionString_CheckedByNpgsql()
    {
        Assert.NotNull(Read(out _, ("Security:TokenSecret", Secret), ("Storage:Provider", "postgresql"), ("Storage:ConnectionString", "Host=db;Username=hub;Database=callsync")));
        Assert.EndsWith("expected an Npgsql connection string such as Host=db;Username=hub;Password=...;Database=callsync",
            Problem(("Storage:Provider", "postgres"), ("Storage:ConnectionString", "Hots=db")), StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_SeveralProblems_EveryOneListedAndTheSummaryCountsThem()
    {
        Assert.Null(Read(out var report, ("Mqtt:Port", "0"), ("Dial:Timeout", "1h"), ("Admin:User", "root")));

        Assert.Equal(["Mqtt:Port", "Dial:Timeout", "Admin:Password"], report.Problems.Select(p => p.Key));
        Assert.Equal("configuration: Mqtt:Port = \"0\" is invalid; expected a whole number from 1 to 65535 (and 2 more: callsync-hub --check-config FILE lists them all)",
            report.Summary(HubOptionsReader.CheckCommand));
    }

    [Fact]
    public void TryRead_UnknownKeys_WarningsWithTheKeyMeant()
    {
        Assert.NotNull(Read(out var report, ("Security:TokenSecret", Secret), ("Mqtt:Prot", "1884"), ("Securty:TokenLifetime", "2h")));

        Assert.Equal([("Mqtt:Prot", "Mqtt:Port"), ("Securty", "Security")], report.Warnings.Select(w => (w.Key, w.Suggestion!)).OrderBy(w => w.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void TryRead_LogLevels_Applied()
    {
        var options = Read(out _, ("Security:TokenSecret", Secret), ("Logging:LogLevel:Default", "Warning"), ("Logging:LogLevel:CallSync.Hub", "Debug"))!;

        Assert.Equal(LogLevel.Warning, options.LogLevels["Default"]);
        Assert.Equal(LogLevel.Debug, options.LogLevels["CallSync.Hub"]);
    }

    [Theory]
    [InlineData("short-secret", "of at least 32 characters")]
    [InlineData("ssssssssssssssssssssssssssssssssssssssss", "with at least 10 different characters")]
    [InlineData("0123456789abcdef0123456789abcdef", "that is not one short piece repeated")]
    [InlineData("qwertyuiop1-qwertyuiop1-qwertyuiop1-", "that is not one short piece repeated")]
    [InlineData("change-me-change-me-change-me-change-me", "with at least 10 different characters")]
    public void TryRead_SimpleSecret_RefusedWithoutEchoingIt(string secret, string rule)
    {
        Assert.Null(Read(out var report, ("Security:TokenSecret", secret)));

        var problem = Assert.Single(report.Problems);
        Assert.Equal($"configuration: Security:TokenSecret = \"(hidden)\" is invalid; expected a secret {rule} (generate one: openssl rand -base64 48)", problem.Message);
    }

    [Theory]
    [InlineData("abcdeabcde", "that is not one short piece repeated")]
    [InlineData("aaaabbbb", "with at least 5 different characters")]
    [InlineData("admin", "of at least 8 characters")]
    public void TryRead_SimpleAdminPassword_Refused(string password, string rule) =>
        Assert.Equal($"configuration: Admin:Password = \"(hidden)\" is invalid; expected a password {rule}",
            Problem(("Admin:User", "admin"), ("Admin:Password", password)));

    [Fact]
    public void TryLoad_FileThenEnvironmentThenCommandLine_LaterWins()
    {
        var file = Path.Combine(Path.GetTempPath(), "hub-config-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(file, """{ "Mqtt": { "Port": 1999, "Host": "file-host" }, "Http": { "Urls": "http://127.0.0.1:9000" } }""");
        Environment.SetEnvironmentVariable("CALLSYNC_HUB_Mqtt__Host", "env-host");
        try
        {
            Assert.True(HubConfigurationLoader.TryLoad(["--config", file, "--Http:Urls=http://127.0.0.1:9100"], out var configuration, out _));
            Assert.Equal("1999", configuration["Mqtt:Port"]);
            Assert.Equal("env-host", configuration["Mqtt:Host"]);
            Assert.Equal("http://127.0.0.1:9100", configuration["Http:Urls"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CALLSYNC_HUB_Mqtt__Host", null);
            File.Delete(file);
        }
    }
}
