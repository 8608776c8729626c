namespace CallSync.Media.Codecs;

/// <summary>G.711 encoder (8 kHz, one byte per sample).</summary>
public sealed class G711Encoder : IVoiceEncoder
{
    private readonly bool _aLaw;

    /// <summary>Creates a u-law (PCMU) or A-law (PCMA) encoder.</summary>
    public G711Encoder(bool aLaw) => _aLaw = aLaw;

    /// <inheritdoc />
    public int SampleRate => 8000;

    /// <inheritdoc />
    public int Encode(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        if (_aLaw)
        {
            G711.EncodeALaw(pcm, destination);
        }
        else
        {
            G711.EncodeMuLaw(pcm, destination);
        }

        return pcm.Length;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
