using CallSync.Hal.Linux.Gpio;

namespace CallSync.Hal.Tests.Linux;

public sealed class GpioLineTests
{
    [Theory]
    [InlineData("17", 17, false)]
    [InlineData("0", 0, false)]
    [InlineData("17:active-low", 17, true)]
    [InlineData(" 5 : LOW ", 5, true)]
    [InlineData("5:active-high", 5, false)]
    [InlineData("65535", 65535, false)]
    public void TryParse_Valid_ReturnsLine(string text, int offset, bool activeLow)
    {
        Assert.True(GpioLine.TryParse(text, out var line));
        Assert.Equal(new GpioLine(offset, activeLow), line);
    }

    [Theory]
    [InlineData("17:active-low:pull-up", true, GpioBias.PullUp)]
    [InlineData("17:pull-up:low", true, GpioBias.PullUp)]
    [InlineData("17:pull-down", false, GpioBias.PullDown)]
    [InlineData("17:high:bias-disabled", false, GpioBias.Disabled)]
    public void TryParse_WithBias_ReturnsLine(string text, bool activeLow, GpioBias bias)
    {
        Assert.True(GpioLine.TryParse(text, out var line));
        Assert.Equal(new GpioLine(17, activeLow, bias), line);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("65536")]
    [InlineData("17:inverted")]
    [InlineData("seventeen")]
    [InlineData(":active-low")]
    [InlineData("1 7")]
    [InlineData("17:")]
    [InlineData("17:low:high")]
    [InlineData("17:pull-up:pull-down")]
    [InlineData("17:active-low:pull-up:x")]
    public void TryParse_Invalid_ReturnsFalse(string text) => Assert.False(GpioLine.TryParse(text, out _));

    [Fact]
    public void ToString_RoundTrips()
    {
        Assert.Equal("17:active-low", new GpioLine(17, true).ToString());
        Assert.Equal("17:active-low:pull-up", new GpioLine(17, true, GpioBias.PullUp).ToString());
        Assert.True(GpioLine.TryParse(new GpioLine(9, false, GpioBias.Disabled).ToString(), out var disabled));
        Assert.Equal(new GpioLine(9, false, GpioBias.Disabled), disabled);
        Assert.True(GpioLine.TryParse(new GpioLine(3).ToString(), out var line));
        Assert.Equal(new GpioLine(3), line);
    }
}
