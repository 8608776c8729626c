using System.Text.Json.Nodes;
using CallSync.Agent.Configuration;
using CallSync.Agent.Hosting;
using CallSync.Hal;
using CallSync.Hal.Linux.Display;
using CallSync.Hal.Linux.Gpio;
using CallSync.Testing.Files;
using CallSync.Testing.Peers.Agent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Agent.Tests;

/// <summary>The Linux board's Board:* keys: bound into LinuxBoardOptions, each bad value named in one line, and the board built from them.</summary>
public sealed class LinuxBoardConfigurationTests : IDisposable
{
    private const string WiredBoard = """
        { "Kind": "linux", "SampleRate": 16000, "AlsaDevice": "plughw:1,0", "AlsaPlayback": "speaker", "AudioClock": "system",
          "GpioChip": "/dev/gpiochip2", "HookLine": "17:active-low:pull-up",
          "KeyLines": { "1": "4", "2": "5", "Star": "6", "Hash": "7:active-low", "Send": "8", "Cancel": "9", "Hold": "10" },
          "LedLines": { "Line": "20", "Recording": "21:active-low", "MessageWaiting": "22" },
          "RingerLine": "23", "Debounce": "15ms", "RingOn": "1s", "RingOff": "3s",
          "Display": "/dev/tty1", "DisplayLines": 4, "DisplayColumns": 20 }
        """;

    private const string Line = "a GPIO line offset such as 17, or 17:active-low, 17:active-low:pull-up (options: active-low, pull-up, pull-down, bias-disabled)";
    private const string OutputLine = "a GPIO line offset such as 20, or 20:active-low (a pull resistor applies to inputs only)";

    private readonly TempDirectory _dir = new("callsync-linux-board-");

    public void Dispose() => _dir.Dispose();

    private static IConfiguration Config(string? board, params (string Key, string? Value)[] overrides)
    {
        var json = JsonNode.Parse(AgentOptionsReaderTests.ExampleJson)!.AsObject();
        if (board is not null)
        {
            json["Board"] = JsonNode.Parse(board);
        }

        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        return new ConfigurationBuilder()
            .AddJsonStream(stream)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
    }

    private static string Error(params (string Key, string? Value)[] overrides) =>
        Assert.Throws<ConfigurationError>(() => AgentOptionsReader.Read(Config("""{ "Kind": "linux" }""", overrides), out _)).Message;

    [Fact]
    public void Read_CharacterLcd_BindsKindBusAddressAndSize()
    {
        var options = AgentOptionsReader.Read(
            Config(WiredBoard, ("Board:Display", "hd44780-i2c"), ("Board:DisplayI2cBus", "3"), ("Board:DisplayI2cAddress", "0x3F")), out var warnings);
        var linux = options.Board.Linux;

        Assert.Empty(warnings);
        Assert.Equal(DisplayKind.Hd44780I2c, linux.DisplayKind);
        Assert.Null(linux.DisplayPath);
        Assert.Equal(3, linux.DisplayI2cBus);
        Assert.Equal(0x3F, linux.DisplayI2cAddress);
        Assert.Equal((4, 20), (linux.DisplayLines, linux.DisplayColumns));
        Assert.Null(linux.Validate());
    }

    [Fact]
    public void Read_WiredBoard_BindsEveryKeyWithoutWarnings()
    {
        var options = AgentOptionsReader.Read(Config(WiredBoard), out var warnings);
        var linux = options.Board.Linux;

        Assert.Empty(warnings);
        Assert.Equal(BoardKind.Linux, options.Board.Kind);
        Assert.Equal("plughw:1,0", linux.Audio.CaptureDevice);
        Assert.Equal("speaker", linux.Audio.PlaybackDevice);
        Assert.Equal(16000, linux.Audio.SampleRate);
        Assert.True(linux.Audio.PaceWithClock);
        Assert.Equal("/dev/gpiochip2", linux.GpioChip);
        Assert.Equal(new GpioLine(17, ActiveLow: true, GpioBias.PullUp), linux.HookLine);
        Assert.Equal(
            new Dictionary<char, GpioLine>
            {
                ['1'] = new(4), ['2'] = new(5), ['*'] = new(6), ['#'] = new(7, true), [Keys.Send] = new(8), [Keys.Cancel] = new(9), [Keys.Hold] = new(10),
            },
            linux.KeyLines);
        Assert.Equal(
            new Dictionary<Led, GpioLine> { [Led.Line] = new(20), [Led.Recording] = new(21, true), [Led.MessageWaiting] = new(22) },
            linux.LedLines);
        Assert.Equal(new GpioLine(23), linux.RingerLine);
        Assert.Equal(TimeSpan.FromMilliseconds(15), linux.Debounce);
        Assert.Equal(TimeSpan.FromSeconds(1), linux.RingOn);
        Assert.Equal(TimeSpan.FromSeconds(3), linux.RingOff);
        Assert.Equal(DisplayKind.Text, linux.DisplayKind);
        Assert.Equal("/dev/tty1", linux.DisplayPath);
        Assert.Equal(4, linux.DisplayLines);
        Assert.Equal(20, linux.DisplayColumns);
        Assert.Null(linux.Validate());
    }

    [Fact]
    public void Read_LinuxWithoutLines_DefaultsAndNoGpio()
    {
        var linux = AgentOptionsReader.Read(Config("""{ "Kind": "linux" }"""), out _).Board.Linux;

        Assert.Equal("default", linux.Audio.CaptureDevice);
        Assert.Equal("default", linux.Audio.PlaybackDevice);
        Assert.Equal(8000, linux.Audio.SampleRate);
        Assert.False(linux.Audio.PaceWithClock);
        Assert.Equal("/dev/gpiochip0", linux.GpioChip);
        Assert.False(linux.UsesGpio);
        Assert.Equal(TimeSpan.FromMilliseconds(20), linux.Debounce);
        Assert.Equal(TimeSpan.FromSeconds(2), linux.RingOn);
        Assert.Equal(TimeSpan.FromSeconds(4), linux.RingOff);
        Assert.Null(linux.DisplayPath);
        Assert.Equal((2, 24), (linux.DisplayLines, linux.DisplayColumns));
    }

    [Fact]
    public void Read_EnvironmentStyleOverride_AddsAKeyLine()
    {
        var linux = AgentOptionsReader.Read(Config(WiredBoard, ("Board:KeyLines:3", "11")), out _).Board.Linux;

        Assert.Equal(new GpioLine(11), linux.KeyLines['3']);
    }

    [Theory]
    [InlineData("Board:HookLine", "seventeen", "configuration: Board:HookLine = \"seventeen\" is invalid; expected " + Line)]
    [InlineData("Board:HookLine", "17:inverted", "configuration: Board:HookLine = \"17:inverted\" is invalid; expected " + Line)]
    [InlineData("Board:RingerLine", "-1", "configuration: Board:RingerLine = \"-1\" is invalid; expected " + OutputLine)]
    [InlineData("Board:RingerLine", "23:pull-up", "configuration: Board:RingerLine = \"23:pull-up\" is invalid; expected " + OutputLine)]
    [InlineData("Board:LedLines:Line", "20:pull-down", "configuration: Board:LedLines:Line = \"20:pull-down\" is invalid; expected " + OutputLine)]
    [InlineData("Board:HookLine", "17:pull-up:pull-down", "configuration: Board:HookLine = \"17:pull-up:pull-down\" is invalid; expected " + Line)]
    [InlineData("Board:KeyLines:Star", "x", "configuration: Board:KeyLines:Star = \"x\" is invalid; expected " + Line)]
    [InlineData("Board:KeyLines:Redial", "3", "configuration: Board:KeyLines:Redial = \"3\" is invalid; expected a key named 0-9, Star, Hash, Send, Cancel or Hold")]
    [InlineData("Board:LedLines:Power", "3", "configuration: Board:LedLines:Power = \"3\" is invalid; expected an LED named Recording, MessageWaiting or Line")]
    [InlineData("Board:LedLines:0", "3", "configuration: Board:LedLines:0 = \"3\" is invalid; expected an LED named Recording, MessageWaiting or Line")]
    [InlineData("Board:GpioChip", "gpiochip0", "configuration: Board:GpioChip = \"gpiochip0\" is invalid; expected the absolute path of a GPIO chip such as /dev/gpiochip0")]
    [InlineData("Board:Display", "tty1", "configuration: Board:Display = \"tty1\" is invalid; expected hd44780-i2c or an absolute path (a terminal such as /dev/tty1, or a file)")]
    [InlineData("Board:DisplayI2cAddress", "0x78", "configuration: Board:DisplayI2cAddress = \"0x78\" is invalid; expected a 7-bit I2C address from 0x03 to 0x77 (hex with 0x, or decimal)")]
    [InlineData("Board:DisplayI2cAddress", "27h", "configuration: Board:DisplayI2cAddress = \"27h\" is invalid; expected a 7-bit I2C address from 0x03 to 0x77 (hex with 0x, or decimal)")]
    [InlineData("Board:DisplayI2cBus", "-1", "configuration: Board:DisplayI2cBus = \"-1\" is invalid; expected a whole number from 0 to 255")]
    [InlineData("Board:Debounce", "5s", "configuration: Board:Debounce = \"5s\" is invalid; expected a duration from 0s to 1s such as 30s, 10m or 1h")]
    [InlineData("Board:RingOn", "0", "configuration: Board:RingOn = \"0\" is invalid; expected a duration from 100ms to 1m such as 30s, 10m or 1h")]
    [InlineData("Board:DisplayColumns", "4", "configuration: Board:DisplayColumns = \"4\" is invalid; expected a whole number from 8 to 256")]
    [InlineData("Board:AudioClock", "card", "configuration: Board:AudioClock = \"card\" is invalid; expected device (the sound card paces the audio) or system (for PCMs without a clock)")]
    [InlineData("Board:DisplayLines", "0", "configuration: Board:DisplayLines = \"0\" is invalid; expected a whole number from 1 to 16")]
    public void Read_BadLinuxKey_OneLineNamingKeyValueAndExpectation(string key, string value, string expected) =>
        Assert.Equal(expected, Error((key, value)));

    [Fact]
    public void Read_LineUsedTwice_NamesTheFirstUser()
    {
        var message = Error(("Board:HookLine", "17"), ("Board:KeyLines:1", "4"), ("Board:RingerLine", "4:active-low"));

        Assert.Equal("configuration: Board:RingerLine = \"4:active-low\" is invalid; expected a line no other key uses (Board:KeyLines:1 already uses line 4)", message);
    }

    [Fact]
    public void Read_KeyLineWithoutValue_IsMissing() =>
        Assert.Equal("configuration: Board:KeyLines:1 is missing; expected " + Line,
            Error(("Board:KeyLines:1", "")));

    [Fact]
    public void Create_LinuxBoardWithMissingChip_StartupErrorNamesChipAndKey()
    {
        var options = AgentOptionsReader.Read(Config("""{ "Kind": "linux", "GpioChip": "/dev/gpiochip-callsync-missing", "HookLine": "17" }"""), out _);

        var error = Assert.Throws<StartupError>(() => BoardFactory.Create(options.Board, TimeProvider.System, NullLoggerFactory.Instance));

        Assert.Equal(
            "board: GPIO open failed: GPIO chip /dev/gpiochip-callsync-missing does not exist (ENOENT); the board's chips are /dev/gpiochipN " +
            "(`ls /dev/gpiochip*`) (Board:GpioChip = \"/dev/gpiochip-callsync-missing\")",
            error.Message);
    }

    [Fact]
    [Trait("Category", "Interop")]
    public void Create_LinuxBoardWithUnknownPcm_StartupErrorNamesThePcmKeys()
    {
        var options = AgentOptionsReader.Read(Config("""{ "Kind": "linux", "AlsaCapture": "callsync_no_such_pcm" }"""), out _);

        var error = Assert.Throws<StartupError>(() => BoardFactory.Create(options.Board, TimeProvider.System, NullLoggerFactory.Instance));

        Assert.StartsWith("board: ALSA open for capture on PCM \"callsync_no_such_pcm\" failed: No such file or directory (-2)", error.Message);
        Assert.EndsWith("(Board:AlsaCapture = \"callsync_no_such_pcm\", Board:AlsaPlayback = \"default\")", error.Message);
    }

    [Fact]
    public void Start_LinuxBoardWithMissingChip_ExitsTwoWithTheChipMessage()
    {
        var json = JsonNode.Parse(AgentOptionsReaderTests.ExampleJson)!.AsObject();
        json["Device"]!["DataDir"] = Path.Combine(_dir.Path, "data");
        json["Sip"]!["Listen"] = new JsonArray("udp:127.0.0.1:0");
        json["Sip"]!.AsObject().Remove("Registrar");
        json.Remove("Mqtt");
        json.Remove("Companion");
        json["Board"] = JsonNode.Parse("""{ "Kind": "linux", "GpioChip": "/dev/gpiochip-callsync-missing", "HookLine": "17:active-low" }""");
        var config = Path.Combine(_dir.Path, "agent.json");
        File.WriteAllText(config, json.ToJsonString());

        using var agent = AgentProcess.Start("--config", config);

        Assert.Equal(2, agent.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Contains("GPIO chip /dev/gpiochip-callsync-missing does not exist (ENOENT)", agent.Output, StringComparison.Ordinal);
    }
}
