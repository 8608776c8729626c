using CallSync.Hal.Linux.Display;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hal.Tests.Linux;

public sealed class TextDisplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-display-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Show_RegularFile_HoldsTheCurrentScreen()
    {
        var path = Path.Combine(_dir, "display.txt");
        var display = new TextDisplay(path, 2, 24, NullLogger<TextDisplay>.Instance);

        display.Show(0, "1001  ready");
        display.Show(1, "registered");
        display.Show(0, "Call from 1002");

        Assert.False(display.IsTerminal);
        Assert.Equal("Call from 1002\nregistered\n", File.ReadAllText(path));
        Assert.Equal("Call from 1002", display.Get(0));
    }

    [Fact]
    public void Show_LongTextAndControlCharacters_CutAndBlanked()
    {
        var path = Path.Combine(_dir, "display.txt");
        var display = new TextDisplay(path, 2, 8, NullLogger<TextDisplay>.Instance);

        display.Show(0, "a\tb\ec\r\nverylongtext");

        Assert.Equal("a b c  v", display.Get(0));
        Assert.Equal("a b c  v\n\n", File.ReadAllText(path));
    }

    [Fact]
    public void Show_UnwritablePath_KeepsTextAndDoesNotThrow()
    {
        var display = new TextDisplay(Path.Combine(_dir, "missing-dir", "display.txt"), 2, 24, NullLogger<TextDisplay>.Instance);

        display.Show(1, "offline");

        Assert.Equal("offline", display.Get(1));
    }

    [Fact]
    public void Constructor_DevicePath_IsTerminal()
    {
        Assert.True(new TextDisplay("/dev/tty1", 2, 24, NullLogger<TextDisplay>.Instance).IsTerminal);
        Assert.False(new TextDisplay(null, 2, 24, NullLogger<TextDisplay>.Instance).IsTerminal);
    }

    [Fact]
    public void Show_LineOutOfRange_Throws()
    {
        var display = new TextDisplay(null, 2, 24, NullLogger<TextDisplay>.Instance);

        Assert.Throws<ArgumentOutOfRangeException>(() => display.Show(2, "x"));
    }
}
