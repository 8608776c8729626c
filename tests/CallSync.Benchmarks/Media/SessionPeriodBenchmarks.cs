using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using CallSync.Media.Codecs;
using CallSync.Media.Rtp;
using CallSync.Media.Session;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallSync.Benchmarks.Media;

/// <summary>
/// A whole 20 ms period of a session over loopback, as the audio clock runs it: a peer's G.711 packets at the given
/// packetization arrive by UDP, the period drains the socket, sends the microphone (same packetization) and pulls the
/// playback. Allocation is counted on every thread, the session's receive thread included: it must read 0 B.
/// </summary>
[MemoryDiagnoser]
public class SessionPeriodBenchmarks
{
    private readonly byte[][] _packets = new byte[30][];
    private readonly short[] _mic = new short[320];
    private readonly short[] _playback = new short[320];
    private readonly byte[] _drain = new byte[1500];
    private Socket? _peer;
    private RtpMediaSession? _session;
    private SocketAddress? _to;
    private long _next;
    private long _periods;

    [Params(10, 20, 30, 60)]
    public int PacketMs { get; set; } = 20;

    [GlobalSetup]
    public void Setup()
    {
        _peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int basePort = 30000 + (2 * Random.Shared.Next(0, 10000));
        _session = new RtpMediaSession(
            new RtpMediaSessionOptions { LocalAddress = IPAddress.Loopback, PortRangeStart = basePort, PortRangeEnd = basePort + 999 },
            16000, TimeProvider.System, NullLogger<RtpMediaSession>.Instance);
        var choice = new MediaCodecChoice(AudioCodec.Pcmu, 0, null) { PacketTime = TimeSpan.FromMilliseconds(PacketMs) };
        _session.Start((IPEndPoint)_peer.LocalEndPoint!, choice, MediaDirection.SendReceive);
        _to = new IPEndPoint(IPAddress.Loopback, _session.LocalPort).Serialize();
        int samples = PacketMs * 8;
        var pcm = new short[samples];
        for (int k = 0; k < _packets.Length; k++)
        {
            for (int i = 0; i < samples; i++)
            {
                pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * ((k * samples) + i) / 8000));
            }

            _packets[k] = new byte[RtpHeader.FixedLength + samples];
            G711.EncodeMuLaw(pcm, _packets[k].AsSpan(RtpHeader.FixedLength));
        }

        for (int i = 0; i < _mic.Length; i++)
        {
            _mic[i] = (short)(8000 * Math.Sin(2 * Math.PI * 400 * i / 16000));
        }

        for (int i = 0; i < 100; i++)
        {
            Period();
        }
    }

    [Benchmark]
    public short Period()
    {
        _periods++;
        while ((_next + 1) * PacketMs <= _periods * 20)
        {
            byte[] packet = _packets[_next % _packets.Length];
            RtpHeader.TryWriteHeader(packet, false, 0, (ushort)_next, (uint)(_next * PacketMs * 8), 0xABCD);
            _peer!.SendTo(packet, SocketFlags.None, _to!);
            _next++;
        }

        _session!.OnFrame(_mic, _playback);

        // Drop what the session sent so the peer's socket buffer never fills.
        while (_peer!.Available > 0)
        {
            _peer.Receive(_drain.AsSpan(), SocketFlags.None);
        }

        return _playback[11];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session?.StopAsync().GetAwaiter().GetResult();
        _peer?.Dispose();
    }
}
