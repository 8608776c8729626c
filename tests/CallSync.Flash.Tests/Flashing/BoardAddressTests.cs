using CallSync.Flash.Boards;
using CallSync.Flash.Commands;

namespace CallSync.Flash.Tests.Flashing;

public sealed class BoardAddressTests
{
    [Theory]
    [InlineData("root@10.77.0.2", "root", "10.77.0.2", 22)]
    [InlineData("tech@desk-0001.lan:2222", "tech", "desk-0001.lan", 2222)]
    public void TryParse_Valid_ReadsUserHostPort(string text, string user, string host, int port)
    {
        Assert.True(BoardAddress.TryParse(text, out var address, out _));
        Assert.Equal(new BoardAddress(user, host, port), address);
    }

    [Theory]
    [InlineData("10.77.0.2")]
    [InlineData("root@")]
    [InlineData("root@host:0")]
    [InlineData("root@host:70000")]
    [InlineData("root@-oProxyCommand=x")]
    [InlineData("ro ot@host")]
    public void TryParse_Invalid_IsRefused(string text) => Assert.False(BoardAddress.TryParse(text, out _, out _));

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("2m", 120)]
    [InlineData("45", 45)]
    public void TryParseDuration_Valid_ReadsSeconds(string text, int seconds)
    {
        Assert.True(BoardOptions.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0s")]
    [InlineData("2d")]
    [InlineData("-5s")]
    [InlineData("2h")]
    public void TryParseDuration_Invalid_IsFalse(string text) => Assert.False(BoardOptions.TryParseDuration(text, out _));
}
