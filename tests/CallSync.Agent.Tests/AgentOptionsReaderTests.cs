using System.Net;
using CallSync.Agent.Configuration;
using CallSync.Configuration;
using CallSync.Sip.UserAgent;
using Microsoft.Extensions.Configuration;

namespace CallSync.Agent.Tests;

public sealed class AgentOptionsReaderTests
{
    // The example every installation starts from: it must keep working as it is.
    internal const string ExampleJson = """
        { "Device":   { "Id": "desk-0001", "Number": "1001", "DataDir": "/var/lib/callsync" },
          "Board":    { "Kind": "simulated" },
          "Sip":      { "Listen": ["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"],
                        "Registrar": "sip:127.0.0.1:5080", "Username": "1001", "Password": "secret",
                        "AutoAnswer": "off" },
          "Recording":{ "Enabled": true },
          "Mqtt":     { "Url": "mqtt://127.0.0.1:1883" },
          "Companion":{ "Listen": "tcp:127.0.0.1:7301" } }
        """;

    private static IConfiguration Config(string json, params (string Key, string? Value)[] overrides)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        return new ConfigurationBuilder()
            .AddJsonStream(stream)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
    }

    private static ConfigurationError Error(params (string Key, string? Value)[] overrides) =>
        Assert.Throws<ConfigurationError>(() => AgentOptionsReader.Read(Config(ExampleJson, overrides), out _));

    [Fact]
    public void Read_ExampleFile_BindsEveryKeyAndDefaults()
    {
        var options = AgentOptionsReader.Read(Config(ExampleJson), out var warnings);

        Assert.Empty(warnings);
        Assert.Equal("desk-0001", options.Device.Id);
        Assert.Equal("1001", options.Device.Number);
        Assert.Equal("/var/lib/callsync", options.Device.DataDir);
        Assert.Equal(BoardKind.Simulated, options.Board.Kind);
        Assert.Equal(["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"], options.Sip.Listen.Select(l => l.ToString()));
        Assert.Equal(["udp:127.0.0.1:5060", "tcp:127.0.0.1:5060"], options.Sip.UserAgent.ListenEndPoints.Select(l => l.ToString()));
        Assert.Equal("sip:127.0.0.1:5080", options.Sip.Registrar);
        Assert.True(options.Sip.UserAgent.Register);
        Assert.Equal("1001", options.Sip.UserAgent.User);
        Assert.Equal("1001", options.Sip.UserAgent.AuthUser);
        Assert.Equal("127.0.0.1:5080", options.Sip.UserAgent.Domain);
        Assert.Equal("secret", options.Sip.UserAgent.Password);
        Assert.Equal(AutoAnswerMode.Off, options.Sip.AutoAnswer);
        Assert.Equal(2, options.Sip.UserAgent.MaxCalls);
        Assert.Equal(["G722", "PCMU", "PCMA", "opus", "telephone-event"], options.Sip.Codecs);
        Assert.True(options.Recording.Enabled);
        Assert.Equal(32_000, options.Recording.Bitrate);
        Assert.Equal(new Uri("mqtt://127.0.0.1:1883"), options.Mqtt!.Url);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Mqtt.KeepAlive);
        Assert.Equal(["tcp:127.0.0.1:7301"], options.Companion!.Listen.Select(l => l.ToString()));
        Assert.Equal("/var/lib/callsync/control.sock", options.Control.Socket);
        Assert.Equal(IPAddress.Loopback, options.Rtp.Address);
        Assert.Null(options.Rtp.Address6);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Rtp.InactivityTimeout);
        Assert.Equal(MediaEncryption.Off, options.Rtp.Encryption);
        Assert.False(options.Rtp.AllowSdesOverPlainSip);
    }

    [Theory]
    [InlineData("off", nameof(AutoAnswerMode.Off), 0)]
    [InlineData("on", nameof(AutoAnswerMode.Immediately), 0)]
    [InlineData("0s", nameof(AutoAnswerMode.Immediately), 0)]
    [InlineData("2s", nameof(AutoAnswerMode.AfterDelay), 2000)]
    [InlineData("1500ms", nameof(AutoAnswerMode.AfterDelay), 1500)]
    [InlineData("requested", nameof(AutoAnswerMode.WhenRequested), 0)]
    public void Read_AutoAnswer_AcceptsEveryForm(string value, string mode, int delayMs) // the mode by name: the agent's types are internal
    {
        var options = AgentOptionsReader.Read(Config(ExampleJson, ("Sip:AutoAnswer", value)), out _);
        Assert.Equal(Enum.Parse<AutoAnswerMode>(mode), options.Sip.AutoAnswer);
        Assert.Equal(TimeSpan.FromMilliseconds(delayMs), options.Sip.AutoAnswerDelay);
    }

    [Fact]
    public void Read_NoRegistrarAndNoMqttAndNoCompanion_MeansNoneOfThem()
    {
        const string json = """{ "Device": { "Id": "d1", "Number": "+4930123" } }""";
        var options = AgentOptionsReader.Read(Config(json), out _);
        Assert.Null(options.Sip.Registrar);
        Assert.False(options.Sip.UserAgent.Register);
        Assert.Equal("+4930123", options.Sip.UserAgent.User);
        Assert.Null(options.Mqtt);
        Assert.Null(options.Companion);
        Assert.Equal(AgentOptionsReader.DefaultDataDir, options.Device.DataDir);
        Assert.Equal(["udp:0.0.0.0:5060", "tcp:0.0.0.0:5060"], options.Sip.Listen.Select(l => l.ToString()));
        Assert.Equal(IPAddress.Any, options.Rtp.Address);
    }

    [Theory]
    [InlineData("Sip:AutoAnswer", "maybe", "Sip:AutoAnswer = \"maybe\"")]
    [InlineData("Sip:Listen:0", "sctp:1.2.3.4:5060", "Sip:Listen:0 = \"sctp:1.2.3.4:5060\"")]
    [InlineData("Sip:Listen:1", "udp:127.0.0.1:99999", "Sip:Listen:1 = \"udp:127.0.0.1:99999\"")]
    [InlineData("Sip:Registrar", "http://pbx", "Sip:Registrar = \"http://pbx\"")]
    [InlineData("Sip:MaxCalls", "0", "Sip:MaxCalls = \"0\"")]
    [InlineData("Sip:Codecs:0", "G729", "Sip:Codecs:0 = \"G729\"")]
    [InlineData("Device:Id", "desk/1", "Device:Id = \"desk/1\"")]
    [InlineData("Device:Number", "12ab", "Device:Number = \"12ab\"")]
    [InlineData("Device:DataDir", "relative/dir", "Device:DataDir = \"relative/dir\"")]
    [InlineData("Board:Kind", "fpga", "Board:Kind = \"fpga\"")]
    [InlineData("Board:SampleRate", "44100", "Board:SampleRate = \"44100\"")]
    [InlineData("Board:Microphone", "tone:loud", "Board:Microphone = \"tone:loud\"")]
    [InlineData("Recording:Enabled", "perhaps", "Recording:Enabled = \"perhaps\"")]
    [InlineData("Recording:Bitrate", "1", "Recording:Bitrate = \"1\"")]
    [InlineData("Mqtt:Url", "http://broker", "Mqtt:Url = \"http://broker\"")]
    [InlineData("Mqtt:KeepAlive", "1s", "Mqtt:KeepAlive = \"1s\"")]
    [InlineData("Companion:Listen", "rfcomm:31", "Companion:Listen = \"rfcomm:31\"")]
    [InlineData("Rtp:PortMax", "1500", "Rtp:PortMax = \"1500\"")]
    public void Read_BadValue_NamesKeyValueAndExpectation(string key, string value, string expected)
    {
        var error = Error((key, value));
        Assert.StartsWith("configuration: " + expected + " is invalid; expected ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Read_RegistrarWithoutUsername_SaysUsernameIsMissing()
    {
        var error = Error(("Sip:Username", ""));
        Assert.Equal("Sip:Username", error.Key);
        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingDeviceId_SaysSo()
    {
        var error = Assert.Throws<ConfigurationError>(() => AgentOptionsReader.Read(Config("""{ "Device": { "Number": "1" } }"""), out _));
        Assert.Equal("configuration: Device:Id is missing; expected a device id of 1-64 letters, digits, '.', '_' or '-'", error.Message);
    }

    [Fact]
    public void Read_BadProvisioningKey_NeverEchoesTheSecret()
    {
        var error = Error(("Device:ProvisioningKey", "not base64!!"));
        Assert.DoesNotContain("not base64", error.Message, StringComparison.Ordinal);
        Assert.Equal("Device:ProvisioningKey", error.Key);
    }

    [Fact]
    public void Read_UnknownKeys_AreWarningsNotErrors()
    {
        AgentOptionsReader.Read(Config(ExampleJson, ("Sip:AutoAnwser", "on"), ("Telemetry:On", "true")), out var warnings);
        Assert.Equal(["Sip:AutoAnwser", "Telemetry"], warnings.Select(w => w.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("30", 30_000)]
    public void Duration_ValidText_Parses(string text, int ms)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1s")]
    [InlineData("1e400s")]
    public void Duration_BadText_IsRefused(string text) => Assert.False(Duration.TryParse(text, out _));
}
