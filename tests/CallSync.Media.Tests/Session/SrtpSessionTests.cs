using System.Net;
using System.Security.Cryptography;
using CallSync.Media.Session;
using CallSync.Media.Srtp;
using CallSync.Media.Tests.Support;

namespace CallSync.Media.Tests.Session;

/// <summary>
/// SRTP in the media path: a session protects what it sends and unprotects what it receives with the contexts it
/// was given, drops (and counts) what does not authenticate, and takes new keys mid-call.
/// </summary>
[Trait("Category", "Interop")]
public sealed class SrtpSessionTests
{
    private const SrtpSuite Suite = SrtpSuite.AesCm128HmacSha1Tag80;
    private const int Amplitude = 8000;

    private static byte[] NewKey() => RandomNumberGenerator.GetBytes(SrtpSuites.KeySaltLength);

    private static SrtpContext Context(byte[] key) => SrtpContext.Create(Suite, key);

    private static MediaCodecChoice Pcmu => new(AudioCodec.Pcmu, 0, 101);

    /// <summary>The peer's tone as SRTP under <paramref name="peer"/>, in the planned order (it crosses the sequence wrap: 65500 on).</summary>
    private static List<PlannedPacket> Protected(IEnumerable<PlannedPacket> plain, SrtpContext peer) =>
        [.. plain.Select(p => p with { Datagram = Protect(peer, p.Datagram) })];

    private static byte[] Protect(SrtpContext context, byte[] rtp)
    {
        var buffer = new byte[rtp.Length + context.RtpOverhead];
        rtp.CopyTo(buffer, 0);
        Assert.Equal(SrtpResult.Ok, context.TryProtect(buffer, rtp.Length, out int length));
        return buffer[..length];
    }

    private static ToneStream Tone(double seconds) => new() { Codec = AudioCodec.Pcmu, PayloadType = 0, ToneSeconds = seconds, TailSeconds = 0, Amplitude = Amplitude };

    [Fact]
    public async Task Call_TwoSrtpSessions_EachReceivesTheOthersAudioAndNothingFails()
    {
        byte[] keyA = NewKey();
        byte[] keyB = NewKey();
        int basePort = LoopbackSessions.RandomBase();
        await using RtpMediaSession a = LoopbackSessions.Create(basePort);
        await using RtpMediaSession b = LoopbackSessions.Create(basePort);
        a.UseSrtp(Context(keyA), Context(keyB));
        b.UseSrtp(Context(keyB), Context(keyA));
        a.Start(new IPEndPoint(IPAddress.Loopback, b.LocalPort), LoopbackSessions.Opus, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), LoopbackSessions.Opus, MediaDirection.SendReceive);
        var device = new PacedDevice(LoopbackSessions.Rate);

        device.Run(a, 400, b, 1000, 150);
        Assert.True(a.IsSrtp && b.IsSrtp);
        MediaStatistics statsA = await a.StopAsync();
        MediaStatistics statsB = await b.StopAsync();

        Assert.InRange(statsA.PacketsReceived, 100, 200);
        Assert.InRange(statsB.PacketsReceived, 100, 200);
        Assert.Equal(0, statsA.SrtpAuthenticationFailures + statsB.SrtpAuthenticationFailures + statsA.SrtpReplays + statsB.SrtpReplays);
        short[] heardByA = [.. device.PlayedA.Skip(LoopbackSessions.Rate)];
        Assert.True(Signal.Db(Signal.Goertzel(heardByA, LoopbackSessions.Rate, 1000), Signal.Goertzel(heardByA, LoopbackSessions.Rate, 400)) > 20, "A hears B's 1 kHz tone");
    }

    [Fact]
    public async Task Call_ReceiverHasTheWrongKey_NothingPlayedAndEveryPacketCounted()
    {
        int basePort = LoopbackSessions.RandomBase();
        await using RtpMediaSession a = LoopbackSessions.Create(basePort);
        await using RtpMediaSession b = LoopbackSessions.Create(basePort);
        a.UseSrtp(Context(NewKey()), Context(NewKey()));
        b.UseSrtp(Context(NewKey()), Context(NewKey()));
        a.Start(new IPEndPoint(IPAddress.Loopback, b.LocalPort), LoopbackSessions.Opus, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Loopback, a.LocalPort), LoopbackSessions.Opus, MediaDirection.SendReceive);

        new PacedDevice(LoopbackSessions.Rate).Run(a, 400, b, 1000, 50);
        MediaStatistics statsB = await b.StopAsync();

        Assert.Equal(0, statsB.PacketsReceived);
        Assert.InRange(statsB.SrtpAuthenticationFailures, 40, 60);
    }

    [Fact]
    public async Task OnFrame_SrtpBothWays_ToneAcrossTheSequenceWrapAndSentPacketsAreCiphertextUnderOurKey()
    {
        byte[] ours = NewKey();
        byte[] theirs = NewKey();
        using SrtpContext peerSend = Context(theirs);
        using SrtpContext peerReceive = Context(ours);
        await using ReceiveHarness h = ReceiveHarness.Start(Pcmu);
        h.Session.UseSrtp(Context(ours), Context(theirs));
        var mic = new short[h.DeviceRate / 50];
        long index = 0;

        h.Run(Protected(Tone(3).Build(), peerSend), 160, microphone: _ =>
        {
            Signal.Tone(mic, h.DeviceRate, 400, Amplitude, ref index);
            return mic;
        });

        Assert.True(ToneMeter.PresentMs(h.Played, h.DeviceRate, 1000, Amplitude) > 2500, "the peer's tone played");
        Assert.Equal(0, h.Session.GetStatistics().SrtpAuthenticationFailures);
        Assert.True(h.Sent.Count > 140);
        foreach (byte[] sent in h.Sent)
        {
            var copy = sent.ToArray();
            Assert.Equal(SrtpResult.Ok, peerReceive.TryUnprotect(copy, copy.Length, out int length));
            Assert.Equal(sent.Length - 10, length);
            Assert.False(copy.AsSpan(12, length - 12).SequenceEqual(sent.AsSpan(12, length - 12)), "the payload on the wire is not the audio");
        }
    }

    [Fact]
    public async Task OnFrame_TamperedReplayedPlainAndTruncatedPackets_DroppedCountedNeverThrown()
    {
        byte[] theirs = NewKey();
        using SrtpContext peerSend = Context(theirs);
        await using ReceiveHarness h = ReceiveHarness.Start(Pcmu);
        h.Session.UseSrtp(Context(NewKey()), Context(theirs));
        List<PlannedPacket> plain = Tone(3).Build();
        List<PlannedPacket> good = Protected(plain, peerSend);
        var attacks = new List<PlannedPacket>();
        foreach (int i in new[] { 20, 40, 60, 80 })
        {
            byte[] tampered = good[i].Datagram.ToArray();
            tampered[20] ^= 0x01;
            attacks.Add(good[i] with { Datagram = tampered, SendAtMs = good[i].SendAtMs - 1 }); // before the real one
            attacks.Add(good[i] with { SendAtMs = good[i].SendAtMs + 1 }); // replay
            attacks.Add(plain[i] with { SendAtMs = good[i].SendAtMs - 1 }); // plain RTP while SRTP was agreed (before: after it, it is a replay)
            attacks.Add(good[i] with { Datagram = good[i].Datagram[..11], SendAtMs = good[i].SendAtMs + 1 }); // truncated
        }

        h.Run([.. good, .. attacks], 160);

        MediaStatistics stats = h.Session.GetStatistics();
        Assert.Equal(8, stats.SrtpAuthenticationFailures); // 4 tampered + 4 plain
        Assert.Equal(4, stats.SrtpReplays);
        Assert.True(ToneMeter.PresentMs(h.Played, h.DeviceRate, 1000, Amplitude) > 2500, "the real packets still played");
    }

    [Fact]
    public async Task UseSrtp_ReKeyMidCall_OldKeyAcceptedUntilTheNewOneAuthenticatesThenRefused()
    {
        byte[] first = NewKey();
        byte[] second = NewKey();
        using SrtpContext peerFirst = Context(first);
        using SrtpContext peerSecond = Context(second);
        await using ReceiveHarness h = ReceiveHarness.Start(Pcmu);
        h.Session.UseSrtp(Context(NewKey()), Context(first));
        List<PlannedPacket> plain = Tone(4).Build();

        // The peer switches keys at packet 100; we take the new keys at period 90, before its old-key packets stopped.
        List<PlannedPacket> wire = [.. plain.Select(p => p with { Datagram = Protect(p.Index < 100 ? peerFirst : peerSecond, p.Datagram) })];
        // An old-key packet once the new key has authenticated (ahead of the real one, or it would be a replay).
        PlannedPacket late = plain[150] with { Datagram = Protect(peerFirst, plain[150].Datagram), SendAtMs = plain[150].SendAtMs - 1 };
        h.Run([.. wire, late], 200, beforePeriod: p =>
        {
            if (p == 90)
            {
                h.Session.UseSrtp(Context(NewKey()), Context(second));
            }
        });

        MediaStatistics stats = h.Session.GetStatistics();
        Assert.Equal(1, stats.SrtpAuthenticationFailures); // only the old-key packet after the switch
        Assert.True(stats.PacketsReceived >= 195, $"{stats.PacketsReceived} packets received");
        Assert.True(ToneMeter.PresentMs(h.Played, h.DeviceRate, 1000, Amplitude) > 3500, "no gap at the re-key");
    }

    [Fact]
    public async Task OnFrame_SrtpSteadyState_AllocatesNothingOnTheClockThread()
    {
        byte[] theirs = NewKey();
        using SrtpContext peerSend = Context(theirs);
        await using ReceiveHarness h = ReceiveHarness.Start(Pcmu);
        h.Session.UseSrtp(Context(NewKey()), Context(theirs));
        h.Session.AttachRecordingSink(new CopyingSink(Pcmu.RecordingSampleRate)); // the capturing sink grows lists
        h.MeasureAllocations = true;
        var mic = new short[h.DeviceRate / 50];
        long index = 0;

        h.Run(Protected(Tone(4).Build(), peerSend), 200, microphone: _ =>
        {
            Signal.Tone(mic, h.DeviceRate, 400, Amplitude, ref index);
            return mic;
        });

        Assert.True(h.Session.GetStatistics().ReceivedAudio > TimeSpan.FromSeconds(3));
        Assert.Equal(200, h.PeriodAllocations.Count);
        long steady = h.PeriodAllocations.Skip(100).Sum(); // after 2 s of warm-up: receive, unprotect, protect, send
        Assert.True(steady == 0, $"{steady} bytes allocated by 100 steady SRTP periods; every period that allocated (period: bytes): {h.DescribeAllocations()}");
    }
}
