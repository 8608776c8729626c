using CallSync.Testing.Rtp;

namespace CallSync.Testing.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void ToBytes_MarkerCsrcsAndOneByteExtension_LaidOutAsRfc3550AndRfc8285Say()
    {
        var packet = new RtpPacket
        {
            PayloadType = 0,
            SequenceNumber = 0x1234,
            Timestamp = 0xA0B0C0D0,
            Ssrc = 0x01020304,
            Marker = true,
            Csrcs = [0x11111111, 0x22222222],
            Extension = RtpHeaderExtension.OneByte((1, [0x85])), // ssrc-audio-level: voice, -5 dBov
            Payload = [0xFF, 0x7F],
            SendTime = TimeSpan.Zero,
        };

        byte[] expected =
        [
            0x92, 0x80, 0x12, 0x34, 0xA0, 0xB0, 0xC0, 0xD0, 0x01, 0x02, 0x03, 0x04, // V=2 X=1 CC=2, M=1 PT=0
            0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
            0xBE, 0xDE, 0x00, 0x01, 0x10, 0x85, 0x00, 0x00, // one word: id 1, length 1, padding
            0xFF, 0x7F,
        ];
        Assert.Equal(expected, packet.ToBytes());
    }
}
