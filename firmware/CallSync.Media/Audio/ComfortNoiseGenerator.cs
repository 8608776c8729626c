namespace CallSync.Media.Audio;

/// <summary>
/// Plays RFC 3389 comfort noise: white noise at the signalled level. The level byte is -dBov, 0 dBov being a
/// full-scale square wave (section 3.1), so the RMS is 32767 * 10^(-level/20). The spectral coefficients the
/// payload may carry are not used (white noise is what the RFC allows a receiver that ignores them to play).
/// </summary>
internal sealed class ComfortNoiseGenerator
{
    private uint _state = 0x9E3779B9;
    private float _amplitude;

    /// <summary>Sets the level from a CN payload's first byte, in -dBov (its top bit is reserved and ignored).</summary>
    public void SetLevel(byte levelByte)
    {
        int level = levelByte & 0x7F;
        double rms = 32767 * Math.Pow(10, -level / 20.0);
        _amplitude = (float)(rms * Math.Sqrt(3)); // a uniform distribution on [-a, a] has RMS a/sqrt(3)
    }

    public void Fill(Span<short> destination)
    {
        uint s = _state;
        for (int i = 0; i < destination.Length; i++)
        {
            // xorshift32: cheap and deterministic.
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            float uniform = ((int)s / 2147483648f);
            destination[i] = (short)Math.Clamp(uniform * _amplitude, short.MinValue, short.MaxValue);
        }

        _state = s;
    }
}
