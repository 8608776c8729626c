using CallSync.Media.Session;
using CallSync.Media.Audio;
using CallSync.Media.Jitter;

namespace CallSync.Media.Receive;

/// <content>Playout: one device period at a time from the timeline, with concealment, comfort noise and delay adaptation.</content>
internal sealed partial class AudioReceiver
{
    private const int GrowHoldOffPeriods = 10;
    private const int StablePeriodsBeforeShrink = 500;
    private const int ShedWindowPeriods = 50;

    private bool _playing;
    private bool _comfortNoise;
    private long _position;
    private long _lastPlayedSeq = long.MinValue;
    private long _lastPlayedEnd = long.MinValue;
    private long _concealRun;
    private long _target;
    private long _extra;
    private int _holdOff;
    private int _stablePeriods;
    private int _waitingPeriods;
    private long _windowMin = long.MaxValue;
    private int _windowPeriods;

    /// <summary>
    /// Fills <paramref name="period"/> (the decoder's rate, one device period) with what plays next: decoded voice,
    /// concealment, comfort noise or silence. Returns true when the period contains concealment.
    /// </summary>
    public bool Pull(Span<short> period)
    {
        using (SpinningGate.Hold(_lock))
        {
            if (_decoder is null)
            {
                period.Clear();
                return false;
            }

            return PullLocked(period);
        }
    }

    /// <summary>
    /// How many periods of <paramref name="periodSamples"/> are queued beyond what a running receiver holds just after
    /// a packet arrived, the target playout delay plus a period (audio that arrived before the media clock ran):
    /// pulling that many leaves that cushion queued. (Leaving the bare target, 20 ms while no jitter is measured yet,
    /// made a loaded machine's first periods run dry: LoadedCallsTests, 3 periods concealed in one of 20 calls.)
    /// </summary>
    public int PeriodsAhead(int periodSamples)
    {
        using (SpinningGate.Hold(_lock))
        {
            long excess = BufferedUnits() - ComputeTarget() - PeriodUnits;
            return _decoder is null || excess <= 0 ? 0 : (int)(excess / SamplesToUnits(periodSamples));
        }
    }

    private bool PullLocked(Span<short> period)
    {
        UpdateTarget();
        _runEndedInThisPull = false;
        int need = period.Length;
        while (_fifo.Count < need && (_playing || TryStartPlayout()))
        {
            FillStep(need - _fifo.Count);
        }

        int got = _fifo.Read(period, out bool concealed);
        period[got..].Clear();
        TrackDepth();
        if (concealed)
        {
            CountConcealedPeriod();
        }

        return concealed;
    }

    /// <summary>Audio queued ahead of the playout position (or of the first queued packet before playout starts), in RTP units.</summary>
    private long BufferedUnits()
    {
        long fifo = SamplesToUnits(_fifo.Count);
        if (_buffer.Count == 0)
        {
            return fifo;
        }

        long from = _playing ? _position : _buffer.Head.Timestamp;
        return Math.Max(0, _buffer.Horizon - from) + fifo;
    }

    private void ResetPlayout()
    {
        _playing = false;
        _comfortNoise = false;
        _lastPlayedSeq = long.MinValue;
        _lastPlayedEnd = long.MinValue;
        _concealRun = 0;
        _waitingPeriods = 0;
        _windowMin = long.MaxValue;
        _windowPeriods = 0;
        EndRun();
    }

    private bool TryStartPlayout()
    {
        DropStale();
        if (_buffer.Count == 0)
        {
            _waitingPeriods = 0;
            return false;
        }

        PlayoutEntry head = _buffer.Head;
        long buffered = _buffer.Horizon - head.Timestamp;
        long waited = (long)_waitingPeriods * PeriodUnits;
        if (head.Kind != PayloadKind.ComfortNoise && buffered < _target && waited < _target)
        {
            _waitingPeriods++;
            return false;
        }

        // Playout (re)starts at the first packet: the silence before it was the sender's, or already counted.
        _playing = true;
        _position = head.Timestamp;
        _lastPlayedSeq = Math.Max(_lastPlayedSeq, head.Sequence - 1);
        _concealRun = 0;
        _waitingPeriods = 0;
        return true;
    }

    /// <summary>Adds at least one sample to the FIFO, or stops playout.</summary>
    private void FillStep(int needSamples)
    {
        if (_buffer.Count == 0)
        {
            Underrun(needSamples);
            return;
        }

        PlayoutEntry head = _buffer.Head;
        if (head.Kind == PayloadKind.Voice && head.End <= _position)
        {
            // Overtaken by concealment after it was queued.
            _buffer.RemoveHead();
            CountLate(head.Duration);
            return;
        }

        if (head.Timestamp > _position)
        {
            Gap(head, needSamples);
            return;
        }

        if (head.Kind == PayloadKind.ComfortNoise)
        {
            EndRun();
            _noise.SetLevel(_buffer.Payload(head)[0]);
            _comfortNoise = true;
            _concealRun = 0;
            _lastPlayedSeq = head.Sequence;
            _buffer.RemoveHead();
            return;
        }

        PlayVoice(head);
    }

    private void PlayVoice(PlayoutEntry head)
    {
        CommitRun(); // voice continues after concealment: the concealment was a hole in what was heard
        int produced = RunDecoder(DecoderCall.Decode, _buffer.Payload(head), _pcm);

        int skip = UnitsToSamples(_position - head.Timestamp);
        if (produced < 0)
        {
            _c.DiscardedPackets++;
            _c.DiscardedTicks += Ticks(head.Duration);
            Conceal(UnitsToSamples(head.Duration) - skip);
        }
        else if (produced > skip)
        {
            int n = Math.Min(produced - skip, _fifo.Free);
            _pcm.AsSpan(skip, n).CopyTo(_fifo.GetWriteSpan(n));
            _fifo.Commit(n, SampleKind.Voice);
        }

        _position = head.End;
        _lastPlayedSeq = head.Sequence;
        _lastPlayedEnd = head.End;
        _concealRun = 0;
        _comfortNoise = false;
        _buffer.RemoveHead();
    }

    /// <summary>The head starts after the playout position: the sender's silence, or lost audio.</summary>
    private void Gap(PlayoutEntry head, int needSamples)
    {
        long gap = head.Timestamp - _position;
        int chunk = Math.Min(UnitsToSamples(gap), RoundUp(needSamples));
        if (_arrived.CountMissing(_lastPlayedSeq, head.Sequence) == 0)
        {
            // Nothing missing in between: a pause, comfort noise or telephone events.
            EndRun();
            Silence(Math.Max(chunk, 1));
            return;
        }

        CommitRun();

        int fecUnits = head.Kind == PayloadKind.Voice && _decoder!.SupportsForwardErrorCorrection ? head.FrameDuration : 0;
        if (fecUnits > 0 && gap <= fecUnits && gap % (PeriodUnits / 8) == 0)
        {
            // The lost frame just before the head: rebuild it from the head's in-band FEC.
            int samples = UnitsToSamples(gap);
            int produced = RunDecoder(DecoderCall.Redundant, _buffer.Payload(head), _fifo.GetWriteSpan(samples));

            if (produced == samples)
            {
                _fifo.Commit(samples, SampleKind.Recovered);
                _c.RecoveredTicks += Ticks(gap);
                _position = head.Timestamp;
                return;
            }
        }

        long plc = fecUnits > 0 && gap > fecUnits ? gap - fecUnits : gap;
        Conceal(Math.Max(1, Math.Min(UnitsToSamples(plc), RoundUp(needSamples))));
    }

    /// <summary>Nothing queued: comfort noise if it is on, else conceal a while, then stop and re-buffer.</summary>
    private void Underrun(int needSamples)
    {
        if (_comfortNoise)
        {
            Silence(RoundUp(needSamples));
            return;
        }

        if (_concealRun >= MaxConcealRun)
        {
            EndRun(); // nothing came: the stream ended or paused
            _playing = false;
            _concealRun = 0;
            return;
        }

        // Not yet a reason to hold more: the sender may simply have paused. A late continuation says so (Schedule).
        OpenRun();
        Conceal(RoundUp(needSamples));
    }

    /// <summary>Plays <paramref name="samples"/> of concealment for missing audio and advances the timeline.</summary>
    private void Conceal(int samples)
    {
        if (samples <= 0)
        {
            return;
        }

        Span<short> span = _fifo.GetWriteSpan(samples);
        if (_concealRun >= MaxConcealRun || samples % _granule != 0 || RunDecoder(DecoderCall.Conceal, default, span) < 0)
        {
            span.Clear(); // past the concealment limit, a sliver below the codec's granularity, or a failing decoder: silence
        }

        _fifo.Commit(samples, SampleKind.Concealed);
        long units = SamplesToUnits(samples);
        _position += units;
        _concealRun += units;
        CountConcealedTicks(Ticks(units));
    }

    /// <summary>The sender's silence: comfort noise when it is on, otherwise silence (Opus: its own comfort noise generation).</summary>
    private void Silence(int samples)
    {
        Span<short> span = _fifo.GetWriteSpan(samples);
        SampleKind kind = SampleKind.Silence;
        if (_comfortNoise)
        {
            _noise.Fill(span);
            kind = SampleKind.ComfortNoise;
            _c.ComfortNoiseTicks += Ticks(SamplesToUnits(samples));
        }
        else if (_codec != Session.AudioCodec.Opus || samples % _granule != 0 || RunDecoder(DecoderCall.Conceal, default, span) < 0)
        {
            span.Clear(); // (Opus: after DTX libopus produces its comfort noise in the concealment call)
        }

        _fifo.Commit(samples, kind);
        _position += SamplesToUnits(samples);
        _concealRun = 0;
    }

    /// <summary>
    /// One decoder call; -1 instead of an exception. Payloads were checked at arrival, so a failure is not expected,
    /// but a decoder must never take the call's audio down: the caller conceals or plays silence instead.
    /// </summary>
    private int RunDecoder(DecoderCall call, ReadOnlySpan<byte> payload, Span<short> pcm)
    {
        try
        {
            return call switch
            {
                DecoderCall.Decode => _decoder!.Decode(payload, pcm),
                DecoderCall.Redundant => _decoder!.DecodeRedundant(payload, pcm),
                _ => _decoder!.Conceal(pcm),
            };
        }
#pragma warning disable CA1031 // Any codec's failure on one packet is concealed, not propagated (see above).
        catch (Exception)
#pragma warning restore CA1031
        {
            return -1;
        }
    }

    private void DropStale()
    {
        while (_buffer.Count > 0 && _lastPlayedEnd != long.MinValue && _buffer.Head.Kind == PayloadKind.Voice && _buffer.Head.End <= _lastPlayedEnd)
        {
            CountLate(_buffer.Head.Duration);
            _buffer.RemoveHead();
        }
    }

    private long PeriodUnits => _clock / 50;

    /// <summary>How long an empty buffer is concealed before playout stops: 100 ms, or two packets when they are longer.</summary>
    private long MaxConcealRun => Math.Max(_clock / 10, 2L * (_source?.LastVoiceDuration ?? 0));

    private int RoundUp(int samples) => (samples + _granule - 1) / _granule * _granule;
}
