using CallSync.Hal.Linux;
using CallSync.Hal.Linux.Audio;
using CallSync.Hal.Linux.Display;
using CallSync.Hal.Linux.Gpio;

namespace CallSync.Hal.Tests.Linux;

public sealed class LinuxBoardOptionsTests
{
    private static readonly LinuxBoardOptions Wired = new()
    {
        HookLine = new GpioLine(17, ActiveLow: true),
        KeyLines = new Dictionary<char, GpioLine> { ['1'] = new(4), [Keys.Send] = new(5) },
        LedLines = new Dictionary<Led, GpioLine> { [Led.Line] = new(20) },
        RingerLine = new GpioLine(21),
    };

    [Fact]
    public void Validate_DefaultsAndAWiredBoard_AreValid()
    {
        Assert.Null(new LinuxBoardOptions().Validate());
        Assert.False(new LinuxBoardOptions().UsesGpio);
        Assert.Null(Wired.Validate());
        Assert.True(Wired.UsesGpio);
    }

    [Fact]
    public void Validate_LineUsedTwice_NamesBothUsers()
    {
        var options = Wired with { RingerLine = new GpioLine(4) };

        Assert.Equal("RingerLine: line 4 is already used by KeyLines[1]", options.Validate());
    }

    [Fact]
    public void Validate_PullResistorOnAnOutput_Rejected()
    {
        Assert.Equal("RingerLine: a pull resistor (21:pull-up) applies to input lines only",
            (Wired with { RingerLine = new GpioLine(21, Bias: GpioBias.PullUp) }).Validate());
        Assert.Null((Wired with { HookLine = new GpioLine(17, true, GpioBias.PullUp) }).Validate());
    }

    [Fact]
    public void Validate_NotAKey_Rejected()
    {
        var options = Wired with { KeyLines = new Dictionary<char, GpioLine> { ['A'] = new(4) } };

        Assert.Equal("KeyLines: 'A' is not a key; expected 0-9, *, #, S, X or H", options.Validate());
    }

    [Theory]
    [InlineData(44100, "Audio.SampleRate: 44100 is not supported; expected 8000 or 16000")]
    public void Validate_BadSampleRate_Rejected(int rate, string expected) =>
        Assert.Equal(expected, (Wired with { Audio = new AlsaAudioOptions(SampleRate: rate) }).Validate());

    [Fact]
    public void Validate_RelativeChip_Rejected() =>
        Assert.Equal("GpioChip: \"gpiochip0\" is not usable; expected the chip's absolute path such as /dev/gpiochip0",
            (Wired with { GpioChip = "gpiochip0" }).Validate());

    [Fact]
    public void Validate_RangeChecks_NameTheProperty()
    {
        Assert.StartsWith("Debounce:", (Wired with { Debounce = TimeSpan.FromSeconds(2) }).Validate());
        Assert.StartsWith("RingOn/RingOff:", (Wired with { RingOff = TimeSpan.Zero }).Validate());
        Assert.StartsWith("DisplayPath:", (Wired with { DisplayPath = "display.txt" }).Validate());
        Assert.StartsWith("DisplayLines/DisplayColumns:", (Wired with { DisplayColumns = 4 }).Validate());
        Assert.StartsWith("HookLine: line -1 is out of range", (Wired with { HookLine = new GpioLine(-1) }).Validate());
    }

    [Fact]
    public void Validate_CharacterLcd_SizeAndAddressChecked()
    {
        var lcd = Wired with { DisplayKind = DisplayKind.Hd44780I2c, DisplayLines = 4, DisplayColumns = 20 };

        Assert.Null(lcd.Validate());
        Assert.StartsWith("DisplayLines/DisplayColumns: 2 x 41 is out of range for an HD44780 LCD", (lcd with { DisplayLines = 2, DisplayColumns = 41 }).Validate());
        Assert.StartsWith("DisplayLines/DisplayColumns:", (lcd with { DisplayLines = 5 }).Validate());
        Assert.StartsWith("DisplayI2cBus/DisplayI2cAddress: bus 1, address 0x78", (lcd with { DisplayI2cAddress = 0x78 }).Validate());
    }

    [Fact]
    public void Validate_EveryKeyOnItsOwnLine_IsValid()
    {
        var keys = "0123456789*#SXH".ToDictionary(k => k, k => new GpioLine(k));
        Assert.Null((Wired with { KeyLines = keys, HookLine = null }).Validate());
    }
}
