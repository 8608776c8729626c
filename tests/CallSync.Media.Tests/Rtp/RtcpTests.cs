using CallSync.Media.Rtcp;

namespace CallSync.Media.Tests.Rtp;

public sealed class RtcpTests
{
    [Fact]
    public void CompoundSrSdesBye_WrittenThenRead_RoundTrips()
    {
        var buffer = new byte[256];
        var info = new RtcpSenderInfo { NtpTimestamp = 0x0102_0304_0506_0708, RtpTimestamp = 9, PacketCount = 10, OctetCount = 11 };
        var block = new RtcpReportBlock
        {
            Ssrc = 77, FractionLost = 13, CumulativeLost = -5, ExtendedHighestSequence = 0x1_0005,
            Jitter = 40, LastSenderReport = 0x0304_0506, DelaySinceLastSenderReport = 65536,
        };
        Assert.True(RtcpWriter.TryWriteSenderReport(buffer, 42, info, block, out int a));
        Assert.True(RtcpWriter.TryWriteSourceDescription(buffer.AsSpan(a), 42, "phone@x"u8, out int b));
        Assert.True(RtcpWriter.TryWriteBye(buffer.AsSpan(a + b), 42, out int c));

        var reader = new RtcpCompoundReader(buffer.AsSpan(0, a + b + c));
        Assert.True(reader.TryReadNext(out RtcpPacketType type, out int count, out ReadOnlySpan<byte> body));
        Assert.Equal(RtcpPacketType.SenderReport, type);
        Assert.True(RtcpReport.TryParse(type, count, body, out RtcpReport report));
        Assert.Equal(42u, report.SenderSsrc);
        Assert.Equal(info, report.SenderInfo);
        Assert.True(report.TryGetBlock(0, out RtcpReportBlock parsed));
        Assert.Equal(block, parsed);
        Assert.True(reader.TryReadNext(out type, out _, out _));
        Assert.Equal(RtcpPacketType.SourceDescription, type);
        Assert.True(reader.TryReadNext(out type, out _, out body));
        Assert.Equal(RtcpPacketType.Bye, type);
        Assert.Equal(4, body.Length);
        Assert.False(reader.TryReadNext(out _, out _, out _));
        Assert.False(reader.IsMalformed);
    }

    [Fact]
    public void TryReadNext_LengthPastEnd_StopsMalformed()
    {
        byte[] packet = [0x81, 201, 0x00, 0x10, 0, 0, 0, 1];
        var reader = new RtcpCompoundReader(packet);
        Assert.False(reader.TryReadNext(out _, out _, out _));
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void TryParse_ReportCountPastBody_ReturnsFalse()
    {
        byte[] packet = [0x85, 201, 0x00, 0x01, 0, 0, 0, 1];
        var reader = new RtcpCompoundReader(packet);
        Assert.True(reader.TryReadNext(out RtcpPacketType type, out int count, out ReadOnlySpan<byte> body));
        Assert.False(RtcpReport.TryParse(type, count, body, out _));
    }

    [Fact]
    public void Reader_RandomBytes_NeverThrows()
    {
        var random = new Random(99);
        var buffer = new byte[128];
        for (int i = 0; i < 50_000; i++)
        {
            int n = random.Next(buffer.Length + 1);
            random.NextBytes(buffer.AsSpan(0, n));
            if (n > 0)
            {
                buffer[0] = (byte)((buffer[0] & 0x3F) | 0x80);
            }

            var reader = new RtcpCompoundReader(buffer.AsSpan(0, n));
            while (reader.TryReadNext(out RtcpPacketType type, out int count, out ReadOnlySpan<byte> body))
            {
                if (RtcpReport.TryParse(type, count, body, out RtcpReport report))
                {
                    for (int k = 0; k < report.BlockCount; k++)
                    {
                        Assert.True(report.TryGetBlock(k, out _));
                    }
                }
            }
        }
    }

    [Fact]
    public void NtpTime_MiddleOfKnownInstant_MatchesSixteenSixteenSeconds()
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMilliseconds(500);
        ulong ntp = NtpTime.FromDateTimeOffset(t);
        Assert.Equal(0x8000u, NtpTime.Middle(ntp) & 0xFFFF);
        Assert.Equal(TimeSpan.FromMilliseconds(250), NtpTime.FromShort(NtpTime.ToShort(TimeSpan.FromMilliseconds(250))));
    }
}
