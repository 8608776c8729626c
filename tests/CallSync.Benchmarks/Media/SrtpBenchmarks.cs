using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using CallSync.Media.Srtp;
using CallSync.Media.Tests.Srtp;

namespace CallSync.Benchmarks.Media;

/// <summary>
/// SRTP per 20 ms voice packet (12-byte header + 160-byte G.711 payload), ours beside libsrtp 2 (Debian
/// libsrtp2-1 through P/Invoke) in the same run. Protect: one packet with the next sequence number. Round trip:
/// protect, then unprotect by the receiving side (replay protection needs a new index per packet, so unprotect
/// alone is the round trip minus protect). Ours must allocate 0 B.
/// </summary>
[MemoryDiagnoser]
public class SrtpBenchmarks : IDisposable
{
    private const int RtpLength = 12 + 160;
    private readonly byte[] _packet = new byte[RtpLength + 64];
    private SrtpContext? _sender;
    private SrtpContext? _receiver;
    private LibSrtp2? _libSender;
    private LibSrtp2? _libReceiver;
    private ushort _sequence;

    /// <summary>The crypto suite.</summary>
    [Params(SrtpSuite.AesCm128HmacSha1Tag80, SrtpSuite.AesCm128HmacSha1Tag32)]
    public SrtpSuite Suite { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        byte[] keySalt = Enumerable.Range(1, SrtpSuites.KeySaltLength).Select(i => (byte)(i * 13)).ToArray();
        _sender = SrtpContext.Create(Suite, keySalt);
        _receiver = SrtpContext.Create(Suite, keySalt);
        bool tag32 = Suite == SrtpSuite.AesCm128HmacSha1Tag32;
        _libSender = new LibSrtp2(tag32, keySalt, outbound: true);
        _libReceiver = new LibSrtp2(tag32, keySalt, outbound: false);
        _packet[0] = 0x80;
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(8), 0x1234_5678);
        for (int i = 12; i < RtpLength; i++)
        {
            _packet[i] = (byte)i;
        }
    }

    [Benchmark(Baseline = true)]
    public int LibSrtpProtect()
    {
        NextSequence();
        int length = RtpLength;
        return _libSender!.Protect(_packet, ref length) + length;
    }

    [Benchmark]
    public int OursProtect()
    {
        NextSequence();
        return (int)_sender!.TryProtect(_packet, RtpLength, out int length) + length;
    }

    [Benchmark]
    public int LibSrtpProtectAndUnprotect()
    {
        NextSequence();
        int length = RtpLength;
        int status = _libSender!.Protect(_packet, ref length);
        return status + _libReceiver!.Unprotect(_packet, ref length) + length;
    }

    [Benchmark]
    public int OursProtectAndUnprotect()
    {
        NextSequence();
        SrtpResult result = _sender!.TryProtect(_packet, RtpLength, out int length);
        return (int)result + (int)_receiver!.TryUnprotect(_packet, length, out int back) + back;
    }

    public void Dispose()
    {
        _sender?.Dispose();
        _receiver?.Dispose();
        _libSender?.Dispose();
        _libReceiver?.Dispose();
        GC.SuppressFinalize(this);
    }

    private void NextSequence() => BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence++);
}
