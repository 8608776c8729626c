using CallSync.Hal.Linux;
using CallSync.Hal.Linux.Gpio;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Hal.Tests.Linux;

/// <summary>Error mapping, including real open() and ioctl() failures this machine (no GPIO) can produce.</summary>
public sealed class GpioErrorsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("callsync-gpio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Open_ChipMissing_ThrowsEnoentWithWhatToCheck()
    {
        var error = Assert.Throws<GpioException>(() => GpioChip.Open("/dev/gpiochip-callsync-missing"));

        Assert.Equal(2, error.Errno);
        Assert.Equal(
            "GPIO open failed: GPIO chip /dev/gpiochip-callsync-missing does not exist (ENOENT); the board's chips are /dev/gpiochipN (`ls /dev/gpiochip*`)",
            error.Message);
    }

    [Fact]
    public void Request_OnAFileThatIsNoChip_ThrowsEnottyNamingUapiV2()
    {
        var path = Path.Combine(_dir, "gpiochip0");
        File.WriteAllBytes(path, []);
        using var chip = GpioChip.Open(path);
        GpioLine[] lines = [new(1)];

        var error = Assert.Throws<GpioException>(() => chip.Request(GpioRequestEncoder.Inputs(lines, "callsync", TimeSpan.Zero), lines, "hook and keys"));

        Assert.Equal(25, error.Errno);
        Assert.Contains("is not a GPIO character device, or the kernel lacks GPIO uAPI v2", error.Message);
    }

    [Theory]
    [InlineData(16, "already requested by another program or a kernel driver (EBUSY)")]
    [InlineData(22, "rejected the request (EINVAL)")]
    [InlineData(13, "access to GPIO chip /dev/gpiochip0 was denied")]
    [InlineData(19, "has no device behind it (ENODEV)")]
    public void Translate_KnownErrno_SaysWhatToCheck(int errno, string expected)
    {
        var error = GpioErrors.Translate(errno, "line request", "/dev/gpiochip0");

        Assert.Contains(expected, error.Message);
        Assert.Equal(errno, error.Errno);
    }

    [Fact]
    public void Translate_OtherErrno_NamesOperationAndErrnoText()
    {
        var error = GpioErrors.Translate(5, "set value of line 3", "/dev/gpiochip1");

        Assert.StartsWith("GPIO set value of line 3 on /dev/gpiochip1 failed: errno 5 (", error.Message);
    }

    [Fact]
    public void LinuxBoardOpen_ChipMissing_ThrowsBeforeTouchingAudio()
    {
        var options = new LinuxBoardOptions { GpioChip = "/dev/gpiochip-callsync-missing", HookLine = new GpioLine(17, true) };

        var error = Assert.Throws<GpioException>(() => LinuxBoard.Open(options, TimeProvider.System, NullLoggerFactory.Instance));

        Assert.Contains("does not exist (ENOENT)", error.Message);
    }
}
