using CallSync.Hal.Linux.Display;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hal.Tests.Linux;

public sealed class Hd44780I2cDisplayTests
{
    [Fact]
    public void Constructor_FreshController_InitialisesFourBitTwoLineDisplayOn()
    {
        var device = new RecordingI2cDevice();
        using var display = new Hd44780I2cDisplay(device, 2, 16, NullLogger<Hd44780I2cDisplay>.Instance);

        var lcd = device.Lcd;
        Assert.Empty(lcd.Violations);
        Assert.False(lcd.EightBitMode);
        Assert.True(lcd.TwoLines);
        Assert.True(lcd.DisplayOn);
        Assert.False(lcd.CursorOn);
        Assert.False(lcd.BlinkOn);
        Assert.True(lcd.Increment);
        Assert.False(lcd.ShiftOnWrite);
        Assert.True(lcd.Backlight);
        // The 4-bit entry: 8-bit function sets, then DL cleared before any byte is sent as two nibbles.
        int fourBit = lcd.Instructions.IndexOf(0x20);
        Assert.True(fourBit >= 1, string.Join(" ", lcd.Instructions.Select(i => i.ToString("x2"))));
        Assert.Contains((byte)0x30, lcd.Instructions.Take(fourBit));
        Assert.Contains(lcd.Instructions.Skip(fourBit + 1), i => i == 0x28);
        Assert.Equal(["                ", "                "], lcd.Screen(2, 16));
        Assert.Equal(["", ""], [display.Get(0), display.Get(1)]);
    }

    [Fact]
    public void Show_16x2IdleScreen_PanelShowsBothLines()
    {
        var device = new RecordingI2cDevice();
        using var display = new Hd44780I2cDisplay(device, 2, 16, NullLogger<Hd44780I2cDisplay>.Instance);

        display.Show(0, "1001  ready");
        display.Show(1, "registered");

        Assert.Equal(["1001  ready     ", "registered      "], device.Lcd.Screen(2, 16));
        Assert.Equal([0x00, 0x40], device.Lcd.DdramAddresses);
        Assert.Empty(device.Lcd.Violations);
    }

    [Fact]
    public void Show_20x4AllRows_WrittenAtEachRowsDdramAddress()
    {
        var device = new RecordingI2cDevice();
        using var display = new Hd44780I2cDisplay(device, 4, 20, NullLogger<Hd44780I2cDisplay>.Instance);

        display.Show(0, "Pair Alice's phone?");
        display.Show(1, "Code 482913");
        display.Show(2, "# yes   * no");
        display.Show(3, "1001  ready");

        Assert.Equal([0x00, 0x40, 0x14, 0x54], device.Lcd.DdramAddresses);
        Assert.Equal(
            ["Pair Alice's phone? ", "Code 482913         ", "# yes   * no        ", "1001  ready         "],
            device.Lcd.Screen(4, 20));
        Assert.Equal(4, display.Lines);
        Assert.Empty(device.Lcd.Violations);
    }

    [Fact]
    public void Show_ShorterTextAfterLonger_RestOfTheRowBlanked()
    {
        var device = new RecordingI2cDevice();
        using var display = new Hd44780I2cDisplay(device, 2, 16, NullLogger<Hd44780I2cDisplay>.Instance);

        display.Show(0, "Call from 1002");
        display.Show(0, "Busy");

        Assert.Equal("Busy            ", device.Lcd.Screen(2, 16)[0]);
        Assert.Equal("Busy", display.Get(0));
    }

    [Fact]
    public void Show_TalkingTimerTicks_OnlyTheChangedLineIsRewritten()
    {
        var device = new RecordingI2cDevice();
        using var display = new Hd44780I2cDisplay(device, 2, 16, NullLogger<Hd44780I2cDisplay>.Instance);
        display.Show(0, "Talking 1002");
        display.Show(1, "00:00");
        int before = device.BytesWritten;

        display.Show(0, "Talking 1002");
        Assert.Equal(before, device.BytesWritten);

        display.Show(1, "00:01");
        Assert.Equal(["Talking 1002    ", "00:01           "], device.Lcd.Screen(2, 16));
        Assert.Equal([0x00, 0x40, 0x40], device.Lcd.DdramAddresses);
    }

    [Theory]
    [InlineData(16, "Ringing Anna Maria Smith", "Ringing Anna    ")]
    [InlineData(20, "Ringing Anna Maria Smith", "Ringing Anna Maria  ")]
    [InlineData(16, "Call from +4930123456789", "Call from +49301")]
    [InlineData(16, "Zoë Müller–Łukasz ✆", "Zoe Muller-Lukas")]
    public void Show_LongOrNonAsciiText_FittedToTheRow(int columns, string text, string row)
    {
        var device = new RecordingI2cDevice();
        using var display = new Hd44780I2cDisplay(device, 2, columns, NullLogger<Hd44780I2cDisplay>.Instance);

        display.Show(0, text);

        Assert.Equal(row, device.Lcd.Screen(2, columns)[0]);
        Assert.Equal(row.TrimEnd(), display.Get(0));
    }

    [Fact]
    public void Show_BusFails_KeepsTheTextLogsOnceAndRecovers()
    {
        var device = new RecordingI2cDevice();
        var logger = new ListLogger<Hd44780I2cDisplay>();
        using var display = new Hd44780I2cDisplay(device, 2, 16, logger);

        device.Fail = true;
        display.Show(0, "Calling 1002");
        display.Show(1, "registered");
        device.Fail = false;
        display.Show(0, "Talking 1002");

        Assert.Single(logger.Entries, e => e.Id == 8213);
        Assert.Equal("registered", display.Get(1));
        Assert.Equal("Talking 1002    ", device.Lcd.Screen(2, 16)[0]);
    }

    [Fact]
    public void Dispose_ReleasesTheDeviceAndIgnoresLaterText()
    {
        var device = new RecordingI2cDevice();
        var display = new Hd44780I2cDisplay(device, 2, 16, NullLogger<Hd44780I2cDisplay>.Instance);
        display.Show(0, "1001  ready");

        display.Dispose();
        display.Show(0, "Calling 1002");

        Assert.True(device.Disposed);
        Assert.Equal("1001  ready     ", device.Lcd.Screen(2, 16)[0]);
    }
}
