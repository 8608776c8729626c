using CallSync.Media.Interop.SpanDsp;

namespace CallSync.Media.Codecs;

/// <summary>
/// G.722 decoder (spandsp, 64 kbit/s, unpacked): every payload byte gives two 16 kHz samples, so any payload
/// length decodes, odd ones included. spandsp 0.0.6 has no loss concealment for G.722; lost frames are filled
/// by <see cref="WaveformConcealer"/> (repeat of the last pitch period, fading to silence by 60 ms, and a
/// cross-fade back into the next decoded frame).
/// </summary>
public sealed class G722Decoder : IVoiceDecoder
{
    private readonly G722DecoderHandle _handle;
    private readonly WaveformConcealer _concealer = new(G722.SampleRate);

    /// <summary>Creates the decoder.</summary>
    /// <exception cref="G722Exception">spandsp could not allocate its state.</exception>
    public G722Decoder() => _handle = G722Native.CreateDecoder();

    /// <inheritdoc />
    public int SampleRate => G722.SampleRate;

    /// <inheritdoc />
    public bool SupportsForwardErrorCorrection => false;

    /// <inheritdoc />
    /// <remarks>Decodes as many bytes as <paramref name="pcm"/> holds sample pairs; the rest of a longer payload is ignored.</remarks>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        int bytes = Math.Min(payload.Length, pcm.Length / 2);
        int samples = G722Native.Decode(_handle, payload[..bytes], pcm);
        _concealer.Accept(pcm[..samples]);
        return samples;
    }

    /// <inheritdoc />
    public int Conceal(Span<short> pcm)
    {
        _concealer.Conceal(pcm);
        return pcm.Length;
    }

    /// <inheritdoc />
    public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => Conceal(pcm);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
