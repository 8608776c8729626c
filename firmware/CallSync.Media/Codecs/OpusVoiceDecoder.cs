using CallSync.Media.Interop.Opus;

namespace CallSync.Media.Codecs;

/// <summary>Opus decoder (libopus, mono) with PLC and in-band FEC recovery.</summary>
public sealed class OpusVoiceDecoder : IVoiceDecoder
{
    private readonly OpusDecoderHandle _handle;

    /// <summary>Creates a decoder producing PCM at <paramref name="sampleRate"/> (8, 12, 16, 24 or 48 kHz).</summary>
    /// <exception cref="OpusException">libopus rejected the parameters.</exception>
    public OpusVoiceDecoder(int sampleRate)
    {
        SampleRate = sampleRate;
        _handle = OpusNative.CreateDecoder(sampleRate, 1);
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public bool SupportsForwardErrorCorrection => true;

    /// <inheritdoc />
    /// <exception cref="OpusException">The payload is not a valid Opus packet.</exception>
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm) =>
        OpusNative.Decode(_handle, payload, pcm, pcm.Length, fec: false);

    /// <inheritdoc />
    public int Conceal(Span<short> pcm) => OpusNative.Decode(_handle, default, pcm, pcm.Length, fec: false);

    /// <inheritdoc />
    public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm) =>
        nextPayload.IsEmpty
            ? Conceal(pcm)
            : OpusNative.Decode(_handle, nextPayload, pcm, pcm.Length, fec: true);

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();
}
