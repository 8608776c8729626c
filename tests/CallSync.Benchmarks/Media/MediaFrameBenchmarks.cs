using BenchmarkDotNet.Attributes;
using CallSync.Media.Codecs;
using CallSync.Media.Rtp;

namespace CallSync.Benchmarks.Media;

/// <summary>Per-20-ms-frame costs of the codec and RTP header steps; the allocation column must read 0 B.</summary>
[MemoryDiagnoser]
public class MediaFrameBenchmarks : IDisposable
{
    private readonly short[] _pcm = new short[320];
    private readonly byte[] _packet = new byte[1500];
    private OpusVoiceEncoder? _opus;
    private ushort _seq;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _pcm.Length; i++)
        {
            _pcm[i] = (short)(8000 * Math.Sin(2 * Math.PI * 400 * i / 16000));
        }

        _opus = new OpusVoiceEncoder(16000);
    }

    /// <summary>G.711 encode + RTP header write + RTP parse: the send and receive packet path.</summary>
    [Benchmark]
    public int RtpG711SendReceive()
    {
        G711.EncodeMuLaw(_pcm.AsSpan(0, 160), _packet.AsSpan(RtpHeader.FixedLength));
        RtpHeader.TryWriteHeader(_packet, false, 0, _seq++, 1234, 5678);
        return RtpHeader.TryParse(_packet.AsSpan(0, 172), out RtpHeader header, out _) ? header.PayloadLength : -1;
    }

    /// <summary>Opus encode of one 20 ms 16 kHz frame into the packet buffer.</summary>
    [Benchmark]
    public int OpusEncodeFrame() => _opus!.Encode(_pcm, _packet.AsSpan(RtpHeader.FixedLength));

    public void Dispose()
    {
        _opus?.Dispose();
        GC.SuppressFinalize(this);
    }
}
