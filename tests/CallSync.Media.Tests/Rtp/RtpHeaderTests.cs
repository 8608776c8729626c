using CallSync.Media.Rtp;

namespace CallSync.Media.Tests.Rtp;

public sealed class RtpHeaderTests
{
    [Fact]
    public void TryWrite_ThenTryParse_RoundTripsAllFields()
    {
        var buffer = new byte[64];
        Assert.True(RtpHeader.TryWrite(buffer, true, 111, 65535, 0xFFFF_FFF0, 0xDEADBEEF, [1, 2, 3], out int written));

        Assert.True(RtpHeader.TryParse(buffer.AsSpan(0, written), out RtpHeader h, out int consumed));
        Assert.Equal(12, consumed);
        Assert.True(h.Marker);
        Assert.Equal(111, h.PayloadType);
        Assert.Equal(65535, h.SequenceNumber);
        Assert.Equal(0xFFFF_FFF0u, h.Timestamp);
        Assert.Equal(0xDEADBEEFu, h.Ssrc);
        Assert.Equal(3, h.PayloadLength);
    }

    [Fact]
    public void TryParse_CsrcExtensionAndPadding_LocatesPayload()
    {
        byte[] packet =
        [
            0xB2, 0x00, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 2, // V=2 P=1 X=1 CC=2
            0, 0, 0, 10, 0, 0, 0, 11, // CSRCs
            0xBE, 0xDE, 0x00, 0x01, 1, 2, 3, 4, // extension, one word
            0xAA, 0xBB, // payload
            0, 0, 3, // padding of 3
        ];

        Assert.True(RtpHeader.TryParse(packet, out RtpHeader h, out int consumed));
        Assert.Equal(28, consumed);
        Assert.Equal(2, h.CsrcCount);
        Assert.True(h.HasExtension);
        Assert.Equal(2, h.PayloadLength);
        Assert.Equal(0xAA, packet[h.PayloadOffset]);
    }

    [Theory]
    [InlineData(new byte[] { 0x40, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2 })] // version 1
    [InlineData(new byte[] { 0x8F, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0 })] // 15 CSRCs, one present
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0xBE, 0xDE, 0xFF, 0xFF })] // huge extension
    [InlineData(new byte[] { 0x90, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0xBE })] // truncated extension header
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 1, 2, 200 })] // padding longer than payload
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 1, 2, 0 })] // padding count zero
    [InlineData(new byte[] { 0xA0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2 })] // padding flag, no payload
    [InlineData(new byte[] { 0x80, 0, 0 })] // truncated
    [InlineData(new byte[0])]
    public void TryParse_MalformedPacket_ReturnsFalse(byte[] packet)
    {
        Assert.False(RtpHeader.TryParse(packet, out _, out _));
    }

    [Fact]
    public void TryParse_EveryTruncationOfValidPacket_NeverThrows()
    {
        byte[] packet = [0x92, 0x80, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 10, 0, 0, 0, 11, 0xBE, 0xDE, 0, 1, 1, 2, 3, 4, 9, 9];
        int accepted = 0;
        for (int n = 0; n <= packet.Length; n++)
        {
            if (RtpHeader.TryParse(packet.AsSpan(0, n), out RtpHeader h, out _))
            {
                accepted++;
                Assert.InRange(h.PayloadOffset + h.PayloadLength, 0, n);
            }
        }

        Assert.Equal(3, accepted); // 28, 29 and 30 bytes
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrowsAndStaysInBounds()
    {
        var random = new Random(1234);
        var buffer = new byte[80];
        for (int i = 0; i < 100_000; i++)
        {
            int n = random.Next(buffer.Length + 1);
            random.NextBytes(buffer.AsSpan(0, n));
            buffer[0] = (byte)((buffer[0] & 0x3F) | 0x80);
            if (RtpHeader.TryParse(buffer.AsSpan(0, n), out RtpHeader h, out int consumed))
            {
                Assert.InRange(consumed + h.PayloadLength, 12, n);
            }
        }
    }

    [Fact]
    public void TryWrite_DestinationTooSmall_ReturnsFalse()
    {
        Assert.False(RtpHeader.TryWrite(new byte[13], false, 0, 1, 2, 3, [1, 2], out int written));
        Assert.Equal(0, written);
    }
}
