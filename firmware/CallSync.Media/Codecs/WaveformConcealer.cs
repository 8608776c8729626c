namespace CallSync.Media.Codecs;

/// <summary>
/// Loss concealment for a waveform codec that has none of its own (G.722 in spandsp 0.0.6). A lost frame is
/// filled by repeating the last pitch period of what was played: the lag between 2.5 and 15 ms (400-67 Hz)
/// whose earlier span best matches the newest 15 ms (normalised cross-correlation), so the repeat joins the
/// signal where it is most alike and a voiced sound or a tone continues without a step. The repeat plays at
/// full level for 10 ms, then fades linearly to silence at 60 ms, and stays silent for a longer loss (a buzz
/// of one period held longer sounds worse than a gap). The first decoded frame after a loss is cross-faded in
/// over 5 ms from the continued repeat, so the return does not click either. Buffers are sized once; nothing
/// is allocated per frame.
/// </summary>
internal sealed class WaveformConcealer
{
    private readonly short[] _history;
    private readonly short[] _period;
    private readonly int _minLag;
    private readonly int _maxLag;
    private readonly int _fullLevelSamples;
    private readonly int _silentAfterSamples;
    private readonly int _mergeSamples;
    private bool _concealing;
    private int _periodLength;
    private int _periodPosition;
    private int _concealedSamples;

    /// <summary>Creates the concealer for PCM at <paramref name="sampleRate"/>.</summary>
    public WaveformConcealer(int sampleRate)
    {
        _minLag = sampleRate / 400;
        _maxLag = sampleRate * 15 / 1000;
        _fullLevelSamples = sampleRate / 100;
        _silentAfterSamples = sampleRate * 60 / 1000;
        _mergeSamples = sampleRate / 200;

        // The newest _maxLag samples are compared with the span up to _maxLag before them.
        _history = new short[2 * _maxLag];
        _period = new short[_maxLag];
    }

    /// <summary>Takes a decoded frame (in place): cross-fades its start if it ends a loss, then keeps it as history.</summary>
    public void Accept(Span<short> frame)
    {
        if (_concealing)
        {
            int n = Math.Min(_mergeSamples, frame.Length);
            for (int i = 0; i < n; i++)
            {
                float weight = (i + 1) / (float)(n + 1);
                frame[i] = (short)((weight * frame[i]) + ((1 - weight) * NextConcealedSample()));
            }

            _concealing = false;
        }

        Remember(frame);
    }

    /// <summary>Fills <paramref name="pcm"/> with the continuation of the last period, faded by the time lost so far.</summary>
    public void Conceal(Span<short> pcm)
    {
        if (!_concealing)
        {
            _concealing = true;
            _concealedSamples = 0;
            _periodPosition = 0;
            _periodLength = FindPitchLag();
            _history.AsSpan(_history.Length - _periodLength).CopyTo(_period);
        }

        for (int i = 0; i < pcm.Length; i++)
        {
            pcm[i] = NextConcealedSample();
        }

        Remember(pcm);
    }

    private short NextConcealedSample()
    {
        int t = _concealedSamples;
        if (t >= _silentAfterSamples)
        {
            return 0;
        }

        float gain = t < _fullLevelSamples
            ? 1f
            : (_silentAfterSamples - t) / (float)(_silentAfterSamples - _fullLevelSamples);
        short sample = (short)(_period[_periodPosition] * gain);
        _concealedSamples = t + 1;
        _periodPosition = _periodPosition + 1 == _periodLength ? 0 : _periodPosition + 1;
        return sample;
    }

    private void Remember(ReadOnlySpan<short> frame)
    {
        int h = _history.Length;
        if (frame.Length >= h)
        {
            frame[^h..].CopyTo(_history);
        }
        else
        {
            _history.AsSpan(frame.Length).CopyTo(_history);
            frame.CopyTo(_history.AsSpan(h - frame.Length));
        }
    }

    /// <summary>
    /// The lag whose earlier span has the highest normalised correlation with the newest span; the energy of
    /// the earlier span slides by one sample per lag, so the search is one multiply-add per sample and lag.
    /// </summary>
    private int FindPitchLag()
    {
        ReadOnlySpan<short> history = _history;
        int window = _maxLag;
        int newest = history.Length - window;
        ReadOnlySpan<short> recent = history[newest..];

        long energy = 0;
        foreach (short s in history.Slice(newest - _minLag, window))
        {
            energy += s * s;
        }

        int bestLag = _maxLag;
        double bestScore = 0;
        for (int lag = _minLag; lag <= _maxLag; lag++)
        {
            ReadOnlySpan<short> earlier = history.Slice(newest - lag, window);
            long cross = 0;
            for (int i = 0; i < window; i++)
            {
                cross += recent[i] * earlier[i];
            }

            if (energy > 0 && cross > 0)
            {
                double score = cross / Math.Sqrt(energy);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestLag = lag;
                }
            }

            if (lag < _maxLag)
            {
                // Next lag: the span moves one sample earlier.
                short entering = history[newest - lag - 1];
                short leaving = history[newest - lag + window - 1];
                energy += (entering * entering) - (leaving * leaving);
            }
        }

        return bestLag;
    }
}
