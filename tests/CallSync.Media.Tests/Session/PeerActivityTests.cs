using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Session;

/// <summary>The agent learns how long the peer has been silent on the network (RTP and RTCP alike).</summary>
[Trait("Category", "Interop")]
public sealed class PeerActivityTests
{
    private static readonly MediaCodecChoice Pcmu = new(AudioCodec.Pcmu, 0, null);

    [Fact]
    public async Task TimeSinceLastPeerPacket_GrowsWithTheClockAndRestartsOnRtpAndOnRtcp()
    {
        await using ReceiveHarness h = ReceiveHarness.Start(Pcmu);
        Assert.Equal(TimeSpan.Zero, h.Session.TimeSinceLastPeerPacket);

        h.Run([], 50); // 1 s, nothing from the peer
        Assert.Equal(TimeSpan.FromSeconds(1), h.Session.TimeSinceLastPeerPacket);

        h.Run([new PlannedPacket(0, TestRtp.Packet(0, 1, 0, 42, new byte[160]), 0)], 1);
        Assert.Equal(TimeSpan.Zero, h.Session.TimeSinceLastPeerPacket);

        h.Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TimeSpan.FromSeconds(29), h.Session.TimeSinceLastPeerPacket);

        // An RTCP receiver report (RFC 3550 6.4.2, no blocks) to port + 1: the peer is alive, if silent.
        var rr = new byte[8];
        rr[0] = 0x80;
        rr[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(rr.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32BigEndian(rr.AsSpan(4), 42);
        using var rtcp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        rtcp.SendTo(rr, new IPEndPoint(IPAddress.Loopback, h.Session.LocalPort + 1));
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (h.Session.TimeSinceLastPeerPacket != TimeSpan.Zero && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        Assert.Equal(TimeSpan.Zero, h.Session.TimeSinceLastPeerPacket);
    }

    [Fact]
    public async Task StopAsync_RtcpPortFromTheSdp_FinalReportAndByeGoThere()
    {
        // RFC 3605 a=rtcp: the peer's RTCP is not on its RTP port + 1.
        using Socket rtp = LoopbackSessions.BindUdp(IPAddress.Loopback);
        using Socket rtcp = LoopbackSessions.BindUdp(IPAddress.Loopback);
        var session = new RtpMediaSession(LoopbackSessions.Options(LoopbackSessions.RandomBase()), 8000, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<RtpMediaSession>.Instance);
        session.Start((IPEndPoint)rtp.LocalEndPoint!, Pcmu, MediaDirection.SendReceive, rtcpPort: ((IPEndPoint)rtcp.LocalEndPoint!).Port);
        await session.StopAsync();

        rtcp.ReceiveTimeout = 10_000;
        var buffer = new byte[1500];
        int n = rtcp.Receive(buffer);
        Assert.Equal(201, buffer[1]); // RR first (we sent no RTP)
        int offset = 0;
        var types = new List<byte>();
        while (offset + 4 <= n)
        {
            types.Add(buffer[offset + 1]);
            offset += 4 * (BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(offset + 2)) + 1);
        }

        Assert.Equal([(byte)201, (byte)202, (byte)203], types); // RR, SDES, BYE
    }

    [Fact]
    public async Task DigitReceived_Rfc4733Events_ReportedOnceEachWithOffsetFromMediaStartAndDuration()
    {
        var choice = new MediaCodecChoice(AudioCodec.Pcmu, 0, 101);
        await using ReceiveHarness h = ReceiveHarness.Start(choice);
        var digits = new List<(char Digit, TimeSpan Offset, TimeSpan Duration)>();
        h.Session.DigitReceived += (_, e) => digits.Add((e.Digit, e.Offset, e.Duration));

        // '4' starts at 1.00 s (sent at 1.02 s), lasts 120 ms, ends with three end packets; '#' at 2.00 s, its end lost.
        var packets = new List<PlannedPacket>();
        ushort seq = 10;
        for (int i = 0; i < 7; i++)
        {
            bool end = i >= 4;
            ushort duration = (ushort)(end ? 960 : 160 * (i + 1));
            packets.Add(new PlannedPacket(1020 + (20 * i), TestRtp.Packet(101, seq++, 8000, 7, TestRtp.Event(4, end, duration), marker: i == 0), i));
        }

        packets.Add(new PlannedPacket(2020, TestRtp.Packet(101, seq++, 16000, 7, TestRtp.Event(11, false, 160), marker: true), 8));
        packets.Add(new PlannedPacket(2040, TestRtp.Packet(101, seq, 16000, 7, TestRtp.Event(11, false, 320)), 9));
        h.Run(packets, 125);
        await h.Session.StopAsync(); // reports the digit whose end never came

        Assert.Equal(
            [('4', TimeSpan.FromMilliseconds(1020), TimeSpan.FromMilliseconds(120)), ('#', TimeSpan.FromMilliseconds(2020), TimeSpan.FromMilliseconds(40))],
            digits);
    }
}
