namespace CallSync.Media.Jitter;

/// <summary>
/// Which of the latest 1024 (extended) sequence numbers were received: duplicate detection, and telling a gap
/// the sender meant (every number in between arrived: comfort noise, telephone events, a pause) from loss.
/// Preallocated; not thread-safe.
/// </summary>
internal sealed class SequenceWindow
{
    public const int Size = 1024;
    private const int Mask = Size - 1;
    private readonly ulong[] _bits = new ulong[Size / 64];
    private long _highest = long.MinValue;

    /// <summary>Lowest sequence number the window still knows about.</summary>
    private long Lowest => _highest - Size + 1;

    /// <summary>Marks <paramref name="sequence"/>; false when it was already marked (a duplicate).</summary>
    public bool Mark(long sequence)
    {
        if (_highest == long.MinValue)
        {
            _highest = sequence;
        }
        else if (sequence > _highest)
        {
            // Slide forward, forgetting what falls out of the window.
            long clearFrom = Math.Max(_highest + 1, sequence - Size + 1);
            if (sequence - clearFrom >= Size - 1)
            {
                Array.Clear(_bits);
            }
            else
            {
                for (long s = clearFrom; s <= sequence; s++)
                {
                    Set(s, false);
                }
            }

            _highest = sequence;
        }
        else if (sequence < Lowest)
        {
            return true; // too old to know; callers treat it as late anyway
        }

        if (Get(sequence))
        {
            return false;
        }

        Set(sequence, true);
        return true;
    }

    /// <summary>How many numbers strictly between <paramref name="after"/> and <paramref name="before"/> were not received
    /// (numbers older than the window count as received).</summary>
    public int CountMissing(long after, long before)
    {
        if (_highest == long.MinValue)
        {
            return (int)Math.Clamp(before - after - 1, 0, Size);
        }

        int missing = 0;
        for (long s = Math.Max(after + 1, Lowest); s < before; s++)
        {
            if (s > _highest || !Get(s))
            {
                missing++;
            }
        }

        return missing;
    }

    public void Clear()
    {
        Array.Clear(_bits);
        _highest = long.MinValue;
    }

    private bool Get(long sequence)
    {
        int bit = (int)(sequence & Mask);
        return (_bits[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    private void Set(long sequence, bool value)
    {
        int bit = (int)(sequence & Mask);
        if (value)
        {
            _bits[bit >> 6] |= 1UL << (bit & 63);
        }
        else
        {
            _bits[bit >> 6] &= ~(1UL << (bit & 63));
        }
    }
}
