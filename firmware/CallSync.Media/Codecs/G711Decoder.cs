namespace CallSync.Media.Codecs;

/// <summary>
/// G.711 decoder with a simple concealment: the last good frame is repeated at half the level per lost
/// frame, then silence after three (G.711 appendix I does better; this keeps short gaps unobtrusive).
/// </summary>
public sealed class G711Decoder : IVoiceDecoder
{
    private const int MaxFrame = 160 * 6;
    private readonly bool _aLaw;
    private readonly short[] _last = new short[MaxFrame];
    private int _lastLength;
    private int _concealed;

    /// <summary>Creates a u-law (PCMU) or A-law (PCMA) decoder.</summary>
    public G711Decoder(bool aLaw) => _aLaw = aLaw;

    /// <inheritdoc />
    public int SampleRate => 8000;

    /// <inheritdoc />
    public bool SupportsForwardErrorCorrection => false;

    /// <inheritdoc />
    public int Decode(ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        int n = Math.Min(payload.Length, pcm.Length);
        if (_aLaw)
        {
            G711.DecodeALaw(payload[..n], pcm);
        }
        else
        {
            G711.DecodeMuLaw(payload[..n], pcm);
        }

        _lastLength = Math.Min(n, MaxFrame);
        pcm[.._lastLength].CopyTo(_last);
        _concealed = 0;
        return n;
    }

    /// <inheritdoc />
    public int Conceal(Span<short> pcm)
    {
        _concealed++;
        int shift = _concealed;
        int n = pcm.Length;
        for (int i = 0; i < n; i++)
        {
            pcm[i] = _concealed > 3 || _lastLength == 0 ? (short)0 : (short)(_last[i % _lastLength] >> shift);
        }

        return n;
    }

    /// <inheritdoc />
    public int DecodeRedundant(ReadOnlySpan<byte> nextPayload, Span<short> pcm) => Conceal(pcm);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
