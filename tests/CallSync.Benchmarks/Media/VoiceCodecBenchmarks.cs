using BenchmarkDotNet.Attributes;
using CallSync.Media.Codecs;

namespace CallSync.Benchmarks.Media;

/// <summary>
/// One 20 ms frame encoded and decoded again, per voice codec, in the same run: G.711 (the baseline, 8 kHz),
/// G.722 (spandsp, 16 kHz) and Opus (libopus, 16 kHz, 24 kbit/s). The allocation column must read 0 B.
/// </summary>
[MemoryDiagnoser]
public class VoiceCodecBenchmarks : IDisposable
{
    private readonly short[] _narrowband = new short[160];
    private readonly short[] _wideband = new short[320];
    private readonly short[] _decoded = new short[960];
    private readonly byte[] _payload = new byte[1500];
    private readonly byte[] _g722Frame = new byte[160];
    private G711Encoder? _g711Encoder;
    private G711Decoder? _g711Decoder;
    private G722Encoder? _g722Encoder;
    private G722Decoder? _g722Decoder;
    private OpusVoiceEncoder? _opusEncoder;
    private OpusVoiceDecoder? _opusDecoder;

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < _wideband.Length; i++)
        {
            _wideband[i] = (short)((8000 * Math.Sin(2 * Math.PI * 400 * i / 16000)) + (2000 * Math.Sin(2 * Math.PI * 2300 * i / 16000)));
        }

        for (int i = 0; i < _narrowband.Length; i++)
        {
            _narrowband[i] = _wideband[2 * i];
        }

        _g711Encoder = new G711Encoder(aLaw: false);
        _g711Decoder = new G711Decoder(aLaw: false);
        _g722Encoder = new G722Encoder();
        _g722Decoder = new G722Decoder();
        using (var encoder = new G722Encoder())
        {
            encoder.Encode(_wideband, _g722Frame);
        }
        _opusEncoder = new OpusVoiceEncoder(16000);
        _opusDecoder = new OpusVoiceDecoder(16000);
    }

    /// <summary>PCMU: 160 samples to 160 bytes and back.</summary>
    [Benchmark(Baseline = true)]
    public int G711EncodeDecode20Ms()
    {
        int n = _g711Encoder!.Encode(_narrowband, _payload);
        return _g711Decoder!.Decode(_payload.AsSpan(0, n), _decoded);
    }

    /// <summary>G.722: 320 samples to 160 bytes and back.</summary>
    [Benchmark]
    public int G722EncodeDecode20Ms()
    {
        int n = _g722Encoder!.Encode(_wideband, _payload);
        return _g722Decoder!.Decode(_payload.AsSpan(0, n), _decoded);
    }

    /// <summary>Opus: 320 samples to about 60 bytes and back.</summary>
    [Benchmark]
    public int OpusEncodeDecode20Ms()
    {
        int n = _opusEncoder!.Encode(_wideband, _payload);
        return _opusDecoder!.Decode(_payload.AsSpan(0, n), _decoded.AsSpan(0, 320));
    }

    /// <summary>
    /// G.722 decode of one 20 ms frame, then concealment of the next as lost: the worst case of a loss, since
    /// the pitch search runs on the first concealed frame of each loss.
    /// </summary>
    [Benchmark]
    public int G722DecodeThenConceal20Ms()
    {
        _g722Decoder!.Decode(_g722Frame, _decoded);
        return _g722Decoder.Conceal(_decoded.AsSpan(320, 320));
    }

    public void Dispose()
    {
        _g722Encoder?.Dispose();
        _g722Decoder?.Dispose();
        _opusEncoder?.Dispose();
        _opusDecoder?.Dispose();
        GC.SuppressFinalize(this);
    }
}
