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
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+3")]
    [InlineData("65536")]
    [InlineData("17:inverted")]
    [InlineData("seventeen")]
    [InlineData(":active-low")]
    [InlineData("1 7")]
    public void TryParse_Invalid_ReturnsFalse(string text) => Assert.False(GpioLine.TryParse(text, out _));

    [Fact]
    public void ToString_RoundTrips()
    {
        Assert.Equal("17:active-low", new GpioLine(17, true).ToString());
        Assert.True(GpioLine.TryParse(new GpioLine(3).ToString(), out var line));
        Assert.Equal(new GpioLine(3), line);
    }
}
