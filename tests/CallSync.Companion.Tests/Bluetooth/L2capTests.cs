using CallSync.Hal.Linux.Bluetooth;

namespace CallSync.Companion.Tests.Bluetooth;

/// <summary>The LE L2CAP transport's address and option encoding and error mapping (this machine has no Bluetooth).</summary>
public sealed class L2capTests
{
    [Fact]
    public void Write_SockaddrL2_FamilyPsmReversedAddressCidType()
    {
        var endPoint = new L2capEndPoint(BluetoothAddress.Parse("AA:BB:CC:DD:EE:FF"), BluetoothAddressType.LeRandom, 0x81);
        byte[] raw = new byte[L2capEndPoint.SockaddrSize];

        endPoint.Write(raw);

        Assert.Equal(new byte[] { 31, 0, 0x81, 0, 0xFF, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0, 0, 2, 0 }, raw);
        Assert.True(L2capEndPoint.TryRead(raw, out var back));
        Assert.Equal(endPoint, back);
        Assert.Equal("l2cap:AA:BB:CC:DD:EE:FF/LeRandom:0x81", endPoint.ToString());
    }

    [Fact]
    public void Write_KernelChoosesPsm_PsmZeroLePublic()
    {
        byte[] raw = new byte[L2capEndPoint.SockaddrSize];

        new L2capEndPoint(BluetoothAddress.Any, BluetoothAddressType.LePublic, 0).Write(raw);

        Assert.Equal(new byte[] { 31, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0 }, raw);
    }

    [Theory]
    [InlineData(new byte[] { 2, 0, 0x81, 0, 1, 2, 3, 4, 5, 6, 0, 0, 1, 0 })]
    [InlineData(new byte[] { 31, 0, 0x81, 0, 1, 2, 3, 4, 5, 6, 0, 0, 3, 0 })]
    [InlineData(new byte[] { 31, 0, 0x01, 1, 1, 2, 3, 4, 5, 6, 0, 0, 1, 0 })]
    [InlineData(new byte[] { 31, 0, 0x81, 0, 1, 2, 3, 4, 5, 6 })]
    public void TryRead_WrongFamilyTypePsmOrSize_ReturnsFalse(byte[] raw) => Assert.False(L2capEndPoint.TryRead(raw, out _));

    [Theory]
    [InlineData(0x7F)]
    [InlineData(0x100)]
    public void Constructor_LePsmOutsideDynamicRange_Throws(int psm) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new L2capEndPoint(BluetoothAddress.Any, BluetoothAddressType.LePublic, (ushort)psm));

    [Theory]
    [InlineData(BluetoothSecurity.Medium, 2)]
    [InlineData(BluetoothSecurity.High, 3)]
    [InlineData(BluetoothSecurity.Fips, 4)]
    public void WriteSecurity_Level_StructBtSecurityWithDefaultKeySize(BluetoothSecurity level, byte expected)
    {
        byte[] raw = new byte[BluetoothSocketOptions.SecuritySize];

        BluetoothSocketOptions.WriteSecurity(raw, level);

        Assert.Equal(new byte[] { expected, 0 }, raw);
        Assert.True(BluetoothSocketOptions.TryReadSecurity(raw, out var back));
        Assert.Equal(level, back);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0 })]
    [InlineData(new byte[] { 5, 0 })]
    [InlineData(new byte[] { 2 })]
    public void TryReadSecurity_UnknownLevelOrShort_ReturnsFalse(byte[] raw) => Assert.False(BluetoothSocketOptions.TryReadSecurity(raw, out _));

    [Fact]
    public void WriteMtu_HostOrderU16_RoundTrips()
    {
        byte[] raw = new byte[2];

        BluetoothSocketOptions.WriteMtu(raw, 512);

        Assert.Equal(BitConverter.IsLittleEndian ? new byte[] { 0, 2 } : new byte[] { 2, 0 }, raw);
        Assert.True(BluetoothSocketOptions.TryReadMtu(raw, out ushort mtu));
        Assert.Equal(512, mtu);
    }

    [Fact]
    public void TryReadMtu_BelowLeMinimum_ReturnsFalse()
    {
        byte[] raw = new byte[2];
        BluetoothSocketOptions.WriteMtu(raw, 22);

        Assert.False(BluetoothSocketOptions.TryReadMtu(raw, out _));
    }

    [Theory]
    [InlineData(93, "the kernel has no L2CAP support")]
    [InlineData(97, "EAFNOSUPPORT")]
    public void Translate_L2capNoSupport_BluetoothUnavailableNamingL2cap(int errno, string mentions)
    {
        var error = Assert.IsType<BluetoothUnavailableException>(BluetoothErrors.Translate(errno, "socket()", "L2CAP"));

        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(98, "holds that channel or PSM")]
    [InlineData(90, "larger than the peer's receive MTU")]
    [InlineData(92, "LE credit-based channels need Linux 3.14")]
    [InlineData(22, "LE PSMs are 0x80-0xFF")]
    public void Translate_MisconfigurationErrno_IOExceptionWithWhatToCheck(int errno, string hint)
    {
        var error = Assert.IsType<IOException>(BluetoothErrors.Translate(errno, "bind(l2cap:...)", "L2CAP"));

        Assert.StartsWith($"L2CAP bind(l2cap:...) failed: errno {errno}", error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Listen_NoBluetoothKernel_ThrowsBluetoothUnavailableFromRealSocketCall()
    {
        // CI kernels have no AF_BLUETOOTH: the real socket() call fails with EAFNOSUPPORT (97).
        Assert.False(Directory.Exists("/proc/net/bluetooth"), "this test expects a kernel without Bluetooth");

        var error = Assert.Throws<BluetoothUnavailableException>(() => L2capCompanionTransport.Listen(new L2capListenOptions()));

        Assert.Equal(97, error.Errno);
        Assert.Contains("socket(AF_BLUETOOTH, SOCK_SEQPACKET, BTPROTO_L2CAP)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectAsync_NoBluetoothKernel_ThrowsBluetoothUnavailable()
    {
        var device = new L2capEndPoint(BluetoothAddress.Parse("00:11:22:33:44:55"), BluetoothAddressType.LeRandom, 0x81);

        var error = await Assert.ThrowsAsync<BluetoothUnavailableException>(
            () => L2capCompanionTransport.ConnectAsync(device, BluetoothSecurity.Medium, CancellationToken.None));

        Assert.Equal(97, error.Errno);
    }
}
