using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CallSync.Media.Session;
using CallSync.Media.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Media.Tests.Session;

/// <summary>IPv6 media: sessions on ::1, dual-stack on ::, and any mismatch of address families never throws.</summary>
[Trait("Category", "Interop")]
public sealed class Ipv6Tests
{
    private static readonly MediaCodecChoice Pcmu = new(AudioCodec.Pcmu, 0, null);

    private readonly FakeTimeProvider _time = new();

    private RtpMediaSession Create(IPAddress local, ILogger<RtpMediaSession>? logger = null)
    {
        RtpMediaSessionOptions options = LoopbackSessions.Options(LoopbackSessions.RandomBase(), o => o.LocalAddress = local);
        return new RtpMediaSession(options, 8000, _time, logger ?? NullLogger<RtpMediaSession>.Instance);
    }

    private void Exchange(RtpMediaSession a, RtpMediaSession b, List<short> playedByB, int frames)
    {
        var mic = new short[160];
        var silence = new short[160];
        var outA = new short[160];
        var outB = new short[160];
        long index = 0;
        for (int i = 0; i < frames; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            Signal.Tone(mic, 8000, 1000, 8000, ref index);
            a.OnFrame(mic, outA); // loopback delivery is immediate: b's period takes the packet in
            b.OnFrame(silence, outB);
            playedByB.AddRange(outB);
        }
    }

    [Theory]
    [InlineData("::1", "::1")]
    [InlineData("::", "127.0.0.1")]
    public async Task Call_Ipv6OrDualStack_AudioFlows(string bindA, string reachA)
    {
        await using RtpMediaSession a = Create(IPAddress.Parse(bindA));
        await using RtpMediaSession b = Create(IPAddress.Parse(reachA));
        a.Start(new IPEndPoint(IPAddress.Parse(reachA), b.LocalPort), Pcmu, MediaDirection.SendReceive);
        b.Start(new IPEndPoint(IPAddress.Parse(reachA), a.LocalPort), Pcmu, MediaDirection.SendReceive);
        var played = new List<short>();

        Exchange(a, b, played, 100);

        short[] tail = played.Skip(played.Count / 2).ToArray();
        Assert.True(Signal.Db(Signal.Goertzel(tail, 8000, 1000), Signal.Goertzel(tail, 8000, 1700)) > 30, "tone crossed");
        MediaStatistics stats = b.GetStatistics();
        Assert.InRange(stats.PacketsReceived, 95, 100);
        Assert.Equal(0, stats.PacketsLost);
    }

    [Fact]
    public async Task Start_Ipv6RemoteOnIpv4Socket_NothingSentLoggedOnceNeverThrows()
    {
        var logger = new CollectingLogger<RtpMediaSession>();
        await using RtpMediaSession a = Create(IPAddress.Loopback, logger);
        using Socket v6 = LoopbackSessions.BindUdp(IPAddress.IPv6Loopback);
        var remote = (IPEndPoint)v6.LocalEndPoint!;

        a.Start(remote, Pcmu, MediaDirection.SendReceive);
        var frame = new short[160];
        for (int i = 0; i < 10; i++)
        {
            a.OnFrame(frame, frame);
        }

        Assert.Null(a.CurrentRemote);
        Assert.Equal(0, a.GetStatistics().PacketsSent);
        Assert.Single(logger.Entries, e => e.Id == 2021);
    }

    [Fact]
    public async Task OnRtp_SourceOfTheOtherFamilyOnDualStack_AcceptedNotLatchedNeverThrows()
    {
        // Negotiated an IPv4 remote; packets come from ::1 (another host as far as latching goes).
        var logger = new CollectingLogger<RtpMediaSession>();
        await using RtpMediaSession a = Create(IPAddress.IPv6Any, logger);
        using Socket v4 = LoopbackSessions.BindUdp(IPAddress.Loopback);
        a.Start((IPEndPoint)v4.LocalEndPoint!, Pcmu, MediaDirection.SendReceive);
        using Socket v6 = LoopbackSessions.BindUdp(IPAddress.IPv6Loopback);

        var frame = new short[160];
        for (ushort i = 0; i < 20; i++)
        {
            v6.SendTo(TestRtp.Packet(0, i, (uint)(160 * i), 99, new byte[160]), new IPEndPoint(IPAddress.IPv6Loopback, a.LocalPort));
            v6.SendTo(new byte[] { 1, 2, 3 }, new IPEndPoint(IPAddress.IPv6Loopback, a.LocalPort)); // not RTP at all
            a.OnFrame(frame, frame);
        }

        Assert.Equal(20, a.GetStatistics().PacketsReceived);
        Assert.Equal(IPAddress.Loopback.MapToIPv6(), a.CurrentRemote!.Address); // still the negotiated address
        Assert.Single(logger.Entries, e => e.Id == 2022);
        Assert.Single(logger.Entries, e => e.Id == 2020); // rate-limited: one line for twenty bad datagrams
    }

    [Fact]
    public async Task OnRtp_FromNegotiatedHostOtherPort_LatchesAcrossMappedForms()
    {
        await using RtpMediaSession a = Create(IPAddress.IPv6Any);
        using Socket peer = LoopbackSessions.BindUdp(IPAddress.Loopback);
        a.Start(new IPEndPoint(IPAddress.Loopback, 9), Pcmu, MediaDirection.SendReceive);

        peer.SendTo(TestRtp.Packet(0, 1, 160, 7, new byte[160]), new IPEndPoint(IPAddress.Loopback, a.LocalPort));
        var frame = new short[160];
        a.OnFrame(frame, frame);

        Assert.Equal(((IPEndPoint)peer.LocalEndPoint!).Port, a.CurrentRemote!.Port);
        Assert.Equal(IPAddress.Loopback, a.CurrentRemote.Address.MapToIPv4());
    }

    private sealed class CollectingLogger<T> : ILogger<T>
    {
        public ConcurrentBag<(int Id, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((eventId.Id, formatter(state, exception)));
    }
}
