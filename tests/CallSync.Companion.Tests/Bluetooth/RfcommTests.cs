using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Companion.Tests.Bluetooth;

public sealed class RfcommTests
{
    [Fact]
    public void TryParse_ColonHex_RoundTripsUpperCase()
    {
        Assert.True(BluetoothAddress.TryParse("aa:BB:0c:DD:ee:01", out var address));
        Assert.Equal("AA:BB:0C:DD:EE:01", address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("AA:BB:CC:DD:EE")]
    [InlineData("AA-BB-CC-DD-EE-FF")]
    [InlineData("AA:BB:CC:DD:EE:FG")]
    [InlineData("AA:BB:CC:DD:EE:FF:00")]
    public void TryParse_Malformed_ReturnsFalse(string text) => Assert.False(BluetoothAddress.TryParse(text, out _));

    [Fact]
    public void Write_SockaddrRc_FamilyReversedAddressChannel()
    {
        var endPoint = new RfcommEndPoint(BluetoothAddress.Parse("AA:BB:CC:DD:EE:FF"), 3);
        byte[] raw = new byte[RfcommEndPoint.SockaddrSize];

        endPoint.Write(raw);

        Assert.Equal(new byte[] { 31, 0, 0xFF, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 3, 0 }, raw);
        Assert.True(RfcommEndPoint.TryRead(raw, out var back));
        Assert.Equal(endPoint, back);
    }

    [Fact]
    public void TryRead_WrongFamily_ReturnsFalse()
    {
        byte[] raw = [2, 0, 1, 2, 3, 4, 5, 6, 1, 0];
        Assert.False(RfcommEndPoint.TryRead(raw, out _));
    }

    [Fact]
    public void Constructor_ChannelAbove30_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RfcommEndPoint(BluetoothAddress.Any, 31));

    [Theory]
    [InlineData(97, "EAFNOSUPPORT")]
    [InlineData(93, "RFCOMM")]
    [InlineData(99, "adapter")]
    [InlineData(19, "ENODEV")]
    public void Translate_NoBluetoothErrno_BluetoothUnavailableWithCause(int errno, string mentions)
    {
        var translated = BluetoothErrors.Translate(errno, "socket()");

        var unavailable = Assert.IsType<BluetoothUnavailableException>(translated);
        Assert.StartsWith("Bluetooth is not available on this system", unavailable.Message, StringComparison.Ordinal);
        Assert.Contains(mentions, unavailable.Message, StringComparison.Ordinal);
        Assert.Equal(errno, unavailable.Errno);
    }

    [Fact]
    public void Translate_OtherErrno_IOExceptionNamingIt()
    {
        var translated = Assert.IsType<IOException>(BluetoothErrors.Translate(104, "read"));
        Assert.Contains("errno 104", translated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listen_NoBluetoothKernel_ThrowsBluetoothUnavailableFromRealSocketCall()
    {
        // CI kernels have no AF_BLUETOOTH (no /proc/net/bluetooth): the real socket() call fails with EAFNOSUPPORT (97).
        Assert.False(Directory.Exists("/proc/net/bluetooth"), "this test expects a kernel without Bluetooth");

        var error = Assert.Throws<BluetoothUnavailableException>(() => RfcommCompanionTransport.Listen(channel: 3));

        Assert.Equal(97, error.Errno);
        Assert.Contains("socket(AF_BLUETOOTH, SOCK_STREAM, BTPROTO_RFCOMM)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listen_OnThisMachine_BindsOrSaysBluetoothUnavailable()
    {
        // CI machines have no Bluetooth (socket() fails with EAFNOSUPPORT); a board with an adapter binds.
        try
        {
            await using var transport = RfcommCompanionTransport.Listen(channel: 0);
            Assert.StartsWith("rfcomm:", transport.Endpoint, StringComparison.Ordinal);
        }
        catch (BluetoothUnavailableException ex)
        {
            Assert.StartsWith("Bluetooth is not available on this system", ex.Message, StringComparison.Ordinal);
        }
    }
}
