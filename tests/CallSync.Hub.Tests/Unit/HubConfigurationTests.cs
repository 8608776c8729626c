using System.Diagnostics;
using CallSync.Hub.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallSync.Hub.Tests.Unit;

public sealed class HubConfigurationTests
{
    private const string Secret = "0123456789abcdef0123456789abcdef";

    private static bool Read(out HubOptions options, out string error, params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        return HubOptionsReader.TryRead(configuration, out options, out error);
    }

    [Fact]
    public void TryRead_Nothing_UsesDocumentedDefaults()
    {
        Assert.True(Read(out var options, out _));
        Assert.Equal(string.Empty, options.Security.TokenSecret);
        Assert.Equal(StorageProvider.Sqlite, options.Storage.Provider);
        Assert.Equal("http://127.0.0.1:8080", options.Http.Urls);
        Assert.Equal(1883, options.Mqtt.Port);
        Assert.Equal("callsync-hub", options.Mqtt.SharedGroup);
        Assert.True(options.Mqtt.Embedded);
        Assert.Equal("hub", options.Mqtt.Username);
        Assert.Equal(Path.GetFullPath("callsync-hub-data"), options.Storage.DataDir);
        Assert.Equal("Data Source=" + Path.Combine(Path.GetFullPath("callsync-hub-data"), "hub.db"), options.Storage.ConnectionString);
        Assert.Equal(600_000, options.Security.PasswordIterations);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Dial.Timeout);
    }

    [Theory]
    [InlineData("Mqtt:Port", "70000", "invalid configuration: Mqtt:Port = '70000': expected an integer from 1 to 65535")]
    [InlineData("Storage:Provider", "oracle", "invalid configuration: Storage:Provider = 'oracle': expected sqlite or postgres")]
    [InlineData("Mqtt:Embedded", "yes", "invalid configuration: Mqtt:Embedded = 'yes': expected true or false")]
    [InlineData("Security:PasswordIterations", "1000", "invalid configuration: Security:PasswordIterations = '1000': expected an integer from 100000 to 10000000")]
    [InlineData("Mqtt:Username", "user@alice", "invalid configuration: Mqtt:Username = 'user@alice': expected 1-64 letters, digits, '.', '_' or '-' (it is also the client id)")]
    [InlineData("Enrollment:BrokerUrl", "http://hub", "invalid configuration: Enrollment:BrokerUrl = 'http://hub': expected mqtt://host[:port] or mqtts://host[:port]")]
    [InlineData("Http:Urls", "https://127.0.0.1:8443", "invalid configuration: Http:CertificatePath = '': expected a PEM certificate file when Http:Urls has an https:// URL")]
    [InlineData("Security:SignInLimitPerUser", "0", "invalid configuration: Security:SignInLimitPerUser = '0': expected an integer from 1 to 1000")]
    [InlineData("Dial:Timeout", "forever", "invalid configuration: Dial:Timeout = 'forever': expected a duration hh:mm:ss from 00:00:01 to 00:10:00")]
    public void TryRead_InvalidValue_NamesKeyValueAndExpectation(string key, string value, string expected)
    {
        Assert.False(Read(out _, out var error, ("Security:TokenSecret", Secret), (key, value)));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void TryRead_ShortSecret_FailsWithoutEchoingIt()
    {
        Assert.False(Read(out _, out var error, ("Security:TokenSecret", "short-secret")));
        Assert.Equal("invalid configuration: Security:TokenSecret = '(hidden)': expected empty (generated) or a secret of at least 32 characters", error);
    }

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

    [Fact]
    public void Main_InvalidPort_ExitsWith2AndOneLine()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "callsync-hub.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--Security:TokenSecret=" + Secret);
        info.ArgumentList.Add("--Mqtt:Port=0");
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("invalid configuration: Mqtt:Port = '0': expected an integer from 1 to 65535", stderr.Trim());
    }
}
