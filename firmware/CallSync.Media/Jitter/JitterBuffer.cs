using System.Threading;

namespace CallSync.Media.Jitter;

/// <summary>
/// Adaptive playout buffer for fixed-duration frames, keyed by extended RTP sequence number (so 16-bit
/// sequence wrap-around and timestamp wrap-around, which the sequence key ignores, are transparent).
/// <see cref="Push"/> runs on the network thread, <see cref="Pop"/> once per device period; all storage is
/// preallocated, nothing allocates per packet.
/// </summary>
/// <remarks>
/// Adaptation: the target depth starts at the minimum, grows by one frame on a late packet or underrun (at
/// most once per 10 frames, so one stall's burst of late packets counts once),
/// and shrinks by one frame after <see cref="StableFramesBeforeShrink"/> frames played without either.
/// When the buffered depth exceeds the target by more than two frames, the oldest frame is discarded.
/// </remarks>
public sealed class JitterBuffer
{
    /// <summary>Frames played without a late packet or underrun before the target shrinks (10 s at 20 ms).</summary>
    public const int StableFramesBeforeShrink = 500;

    private const int Capacity = 64;
    private const int Mask = Capacity - 1;
    private const int MaxConcealedBeforeRebuffer = 5;
    private const int GrowHoldOffFrames = 10;

    private readonly Lock _lock = new();
    private readonly byte[][] _payloads;
    private readonly int[] _lengths = new int[Capacity];
    private readonly long[] _sequences = new long[Capacity];
    private readonly TimeSpan _frameDuration;
    private readonly int _minFrames;
    private readonly int _maxFrames;

    private bool _haveReference;
    private bool _playing;
    private long _playSequence;
    private long _lastPlayed = long.MinValue;
    private long _highest;
    private int _count;
    private int _targetFrames;
    private int _stableFrames;
    private int _emptyPops;
    private int _framesSinceGrow = GrowHoldOffFrames;
    private long _accepted;
    private long _duplicates;
    private long _late;
    private long _concealed;
    private long _discarded;

    /// <summary>Creates a buffer for frames of <paramref name="frameDuration"/> with a target between the bounds.</summary>
    public JitterBuffer(TimeSpan frameDuration, TimeSpan minimumDepth, TimeSpan maximumDepth, int maxPayloadBytes = 1500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(frameDuration, TimeSpan.Zero);
        _frameDuration = frameDuration;
        _minFrames = Math.Max(1, (int)Math.Ceiling(minimumDepth / frameDuration));
        _maxFrames = Math.Clamp((int)Math.Ceiling(maximumDepth / frameDuration), _minFrames, Capacity / 2);
        _targetFrames = _minFrames;
        _payloads = new byte[Capacity][];
        for (int i = 0; i < Capacity; i++)
        {
            _payloads[i] = new byte[maxPayloadBytes];
            _sequences[i] = -1;
        }
    }

    /// <summary>Current target depth.</summary>
    public TimeSpan TargetDepth
    {
        get
        {
            lock (_lock)
            {
                return _targetFrames * _frameDuration;
            }
        }
    }

    /// <summary>Number of frames buffered.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public JitterBufferStatistics GetStatistics()
    {
        lock (_lock)
        {
            return new JitterBufferStatistics
            {
                Accepted = _accepted,
                Duplicates = _duplicates,
                Late = _late,
                Concealed = _concealed,
                Discarded = _discarded,
                TargetDepth = _targetFrames * _frameDuration,
            };
        }
    }

    /// <summary>
    /// Raises the target to cover a measured interarrival jitter (RFC 3550 A.8): about three times the jitter
    /// plus one frame, within the bounds. Never lowers it (lowering is left to the stable-frame rule).
    /// </summary>
    public void EnsureCovers(TimeSpan jitter)
    {
        int frames = 1 + (int)Math.Ceiling(3 * jitter / _frameDuration);
        lock (_lock)
        {
            _targetFrames = Math.Clamp(Math.Max(_targetFrames, frames), _minFrames, _maxFrames);
        }
    }

    /// <summary>Stores one frame's payload. Returns false when it was dropped (late, duplicate or too large).</summary>
    public bool Push(ushort sequence, ReadOnlySpan<byte> payload)
    {
        lock (_lock)
        {
            if (payload.Length > _payloads[0].Length)
            {
                return false;
            }

            if (!_haveReference)
            {
                _haveReference = true;
                // Offset so extended numbers of packets before the first one stay positive.
                _highest = sequence + 0x10_0000L;
            }

            long ext = Extend(sequence, _playing ? _playSequence : _highest);
            if (ext <= _lastPlayed || (_playing && ext < _playSequence))
            {
                _late++;
                Grow();
                return false;
            }

            long window = _playing ? _playSequence : _count > 0 ? Math.Min(ext, Lowest()) : ext;
            if (ext >= window + Capacity)
            {
                // Far ahead of the window: the sender jumped; start over from this packet.
                Reset(ext);
            }

            int slot = (int)(ext & Mask);
            if (_sequences[slot] == ext)
            {
                _duplicates++;
                return false;
            }

            if (_sequences[slot] < 0)
            {
                _count++;
            }

            _sequences[slot] = ext;
            _lengths[slot] = payload.Length;
            payload.CopyTo(_payloads[slot]);
            if (ext > _highest)
            {
                _highest = ext;
            }

            _accepted++;
            return true;
        }
    }

    /// <summary>
    /// Takes the frame for this playout tick. For <see cref="JitterFrameKind.Packet"/>, and for
    /// <see cref="JitterFrameKind.Lost"/> with the next packet available, the payload is copied to
    /// <paramref name="destination"/> and its length returned in <paramref name="length"/>.
    /// </summary>
    public JitterFrameKind Pop(Span<byte> destination, out int length)
    {
        length = 0;
        lock (_lock)
        {
            if (_framesSinceGrow < GrowHoldOffFrames)
            {
                _framesSinceGrow++;
            }

            if (!_playing)
            {
                if (_count < _targetFrames)
                {
                    return JitterFrameKind.Silence;
                }

                _playing = true;
                _playSequence = Lowest();
                _emptyPops = 0;
            }

            if (_count > _targetFrames + 2 && _sequences[(int)(_playSequence & Mask)] == _playSequence)
            {
                // Too deep: drop the oldest frame to bring latency back towards the target.
                Remove(_playSequence);
                _lastPlayed = _playSequence;
                _playSequence++;
                _discarded++;
            }

            int slot = (int)(_playSequence & Mask);
            if (_sequences[slot] == _playSequence)
            {
                length = Math.Min(_lengths[slot], destination.Length);
                _payloads[slot].AsSpan(0, length).CopyTo(destination);
                Remove(_playSequence);
                Advance();
                _emptyPops = 0;
                if (++_stableFrames >= StableFramesBeforeShrink)
                {
                    _stableFrames = 0;
                    _targetFrames = Math.Max(_minFrames, _targetFrames - 1);
                }

                return JitterFrameKind.Packet;
            }

            _concealed++;
            if (_count > 0)
            {
                // A gap with later packets waiting: the frame is lost (or later than the buffer can wait).
                int next = (int)((_playSequence + 1) & Mask);
                if (_sequences[next] == _playSequence + 1)
                {
                    length = Math.Min(_lengths[next], destination.Length);
                    _payloads[next].AsSpan(0, length).CopyTo(destination);
                }

                Advance();
                return JitterFrameKind.Lost;
            }

            // Underrun: conceal a few frames, then stop and re-buffer with a deeper target.
            if (_emptyPops++ == 0)
            {
                Grow();
            }

            if (_emptyPops <= MaxConcealedBeforeRebuffer)
            {
                Advance();
                return JitterFrameKind.Lost;
            }

            _concealed--;
            _playing = false;
            return JitterFrameKind.Silence;
        }
    }

    /// <summary>Clears everything (new source, codec change).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            Reset(0);
            _haveReference = false;
            _lastPlayed = long.MinValue;
        }
    }

    private static long Extend(ushort sequence, long reference)
    {
        short delta = unchecked((short)(sequence - (ushort)reference));
        return reference + delta;
    }

    private void Advance()
    {
        _lastPlayed = _playSequence;
        _playSequence++;
    }

    private void Grow()
    {
        // One stall makes a burst of late packets; grow once per burst, not once per packet.
        _stableFrames = 0;
        if (_framesSinceGrow >= GrowHoldOffFrames)
        {
            _framesSinceGrow = 0;
            _targetFrames = Math.Min(_maxFrames, _targetFrames + 1);
        }
    }

    private void Remove(long ext)
    {
        int slot = (int)(ext & Mask);
        _sequences[slot] = -1;
        _count--;
    }

    private long Lowest()
    {
        long lowest = long.MaxValue;
        for (int i = 0; i < Capacity; i++)
        {
            if (_sequences[i] >= 0 && _sequences[i] < lowest)
            {
                lowest = _sequences[i];
            }
        }

        return lowest;
    }

    private void Reset(long ext)
    {
        Array.Fill(_sequences, -1);
        _count = 0;
        _playing = false;
        _highest = ext;
        _lastPlayed = ext - 1;
    }
}
