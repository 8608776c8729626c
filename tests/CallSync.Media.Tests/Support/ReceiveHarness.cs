using System.Net;
using System.Net.Sockets;
using CallSync.Media.Session;
using CallSync.Testing.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CallSync.Media.Tests.Support;

/// <summary>
/// One media session on 127.0.0.1 driven period by period on a fake clock, fed by a foreign sender's datagrams over a
/// real UDP socket. Each period: the clock advances 20 ms, the packets due by then are sent, then the session's
/// period runs (it takes in what is waiting first), so what plays is deterministic.
/// </summary>
internal sealed class ReceiveHarness : IAsyncDisposable
{
    private readonly Socket _peer;
    private readonly short[] _mic;
    private readonly short[] _playback;
    private readonly byte[] _discard = new byte[2048];

    private ReceiveHarness(RtpMediaSession session, Socket peer, FakeTimeProvider time, CapturingSink sink, int deviceRate)
    {
        Session = session;
        _peer = peer;
        Time = time;
        Sink = sink;
        DeviceRate = deviceRate;
        _mic = new short[deviceRate / 50];
        _playback = new short[deviceRate / 50];
    }

    public RtpMediaSession Session { get; }

    public FakeTimeProvider Time { get; }

    public CapturingSink Sink { get; }

    public int DeviceRate { get; }

    /// <summary>Everything the speaker played, at the device rate.</summary>
    public List<short> Played { get; } = [];

    /// <summary>What the session sent to the peer, in order.</summary>
    public List<byte[]> Sent { get; } = [];

    /// <summary>How many datagrams the session sent in each period.</summary>
    public List<int> SentPerPeriod { get; } = [];

    /// <summary>
    /// Whether <see cref="Run"/> measures the bytes each period allocates (<see cref="PeriodAllocations"/>); each
    /// period then starts with a gen0 collection, which makes the count exact (<see cref="ThreadAllocations"/>).
    /// </summary>
    public bool MeasureAllocations { get; set; }

    /// <summary>Bytes the session's period allocated on this thread, per period, when <see cref="MeasureAllocations"/> is set.</summary>
    public List<long> PeriodAllocations { get; } = [];

    public IPEndPoint PeerEndPoint => (IPEndPoint)_peer.LocalEndPoint!;

    public static ReceiveHarness Start(MediaCodecChoice choice, int deviceRate = 16000, Action<RtpMediaSessionOptions>? configure = null, MediaDirection direction = MediaDirection.SendReceive)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
        RtpMediaSessionOptions options = LoopbackSessions.Options(LoopbackSessions.RandomBase(), configure);
        var session = new RtpMediaSession(options, deviceRate, time, NullLogger<RtpMediaSession>.Instance);
        Socket peer = LoopbackSessions.BindUdp(options.LocalAddress);
        var sink = new CapturingSink(choice.RecordingSampleRate);
        session.Start((IPEndPoint)peer.LocalEndPoint!, choice, direction);
        session.AttachRecordingSink(sink);
        return new ReceiveHarness(session, peer, time, sink, deviceRate);
    }

    /// <summary>Runs <paramref name="periods"/> periods, sending each planned packet once its send time has come.</summary>
    public void Run(IReadOnlyList<PlannedPacket> packets, int periods, Action<int>? beforePeriod = null, Func<int, short[]?>? microphone = null)
    {
        var due = packets.OrderBy(p => p.SendAtMs).ToList();
        int next = 0;
        var to = new IPEndPoint(PeerEndPoint.Address, Session.LocalPort);
        for (int p = 0; p < periods; p++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(20));
            double now = (p + 1) * 20.0;
            while (next < due.Count && due[next].SendAtMs <= now + 1e-6)
            {
                _peer.SendTo(due[next++].Datagram, to);
            }

            beforePeriod?.Invoke(p);
            short[] mic = microphone?.Invoke(p) ?? _mic;
            if (MeasureAllocations)
            {
                long start = ThreadAllocations.Start();
                Session.OnFrame(mic, _playback);
                PeriodAllocations.Add(ThreadAllocations.Since(start));
            }
            else
            {
                Session.OnFrame(mic, _playback);
            }

            Played.AddRange(_playback);
            CollectSent();
        }
    }

    /// <summary>Every period that allocated, as "period: bytes", for a failure message.</summary>
    public string DescribeAllocations() =>
        string.Join(", ", PeriodAllocations.Select((bytes, period) => (bytes, period)).Where(p => p.bytes != 0).Select(p => $"{p.period}: {p.bytes}"));

    public async ValueTask DisposeAsync()
    {
        await Session.StopAsync();
        _peer.Dispose();
    }

    private void CollectSent()
    {
        int count = 0;
        while (_peer.Available > 0)
        {
            int n = _peer.Receive(_discard);
            Sent.Add(_discard[..n]);
            count++;
        }

        SentPerPeriod.Add(count);
    }
}
