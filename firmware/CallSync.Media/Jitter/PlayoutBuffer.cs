namespace CallSync.Media.Jitter;

/// <summary>
/// The packets waiting for playout, ordered by timeline timestamp (not by arrival or sequence number), with their
/// payloads in reusable slots. A slot's storage is allocated the first time it is needed and kept: the free slots are
/// a stack, so a call only ever allocates as many slots as its deepest buffer held (a handful at 20 ms), never per
/// packet, and a session does not pay 190 KB (a large-object-heap array) up front. Not thread-safe (the receiver
/// serialises).
/// </summary>
internal sealed class PlayoutBuffer
{
    /// <summary>Packets held at most: 200 ms of 2.5 ms Opus packets with room for a burst.</summary>
    public const int Capacity = 128;

    /// <summary>Largest payload stored (a 1500-byte datagram minus the fixed RTP header).</summary>
    public const int MaxPayload = 1488;

    private readonly byte[]?[] _slots = new byte[]?[Capacity];
    private readonly PlayoutEntry[] _order = new PlayoutEntry[Capacity];
    private readonly int[] _freeSlots = new int[Capacity];
    private int _freeCount;
    private int _count;

    public PlayoutBuffer()
    {
        Clear();
    }

    public int Count => _count;

    /// <summary>End of the latest audio held (timeline units); meaningful when <see cref="Count"/> is above zero.</summary>
    public long Horizon { get; private set; }

    /// <summary>True when at least one voice packet is held.</summary>
    public bool HasVoice
    {
        get
        {
            for (int i = 0; i < _count; i++)
            {
                if (_order[i].Kind == PayloadKind.Voice)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The earliest packet; valid when <see cref="Count"/> is above zero.</summary>
    public PlayoutEntry Head => _order[0];

    /// <summary>The payload of a held packet (valid until the packet is removed).</summary>
    public ReadOnlySpan<byte> Payload(in PlayoutEntry entry) => _slots[entry.Slot].AsSpan(0, entry.Length);

    /// <summary>Stores a packet in timestamp order. False (nothing stored) when full, too large, or a packet with the same timestamp is already held.</summary>
    public bool TryAdd(long timestamp, int duration, int frameDuration, long sequence, PayloadKind kind, ReadOnlySpan<byte> payload)
    {
        if (_count == Capacity || payload.Length > MaxPayload)
        {
            return false;
        }

        int index = InsertionIndex(timestamp);
        if (index < _count && _order[index].Timestamp == timestamp)
        {
            return false;
        }

        int slot = _freeSlots[--_freeCount];
        payload.CopyTo(_slots[slot] ??= new byte[MaxPayload]);
        Array.Copy(_order, index, _order, index + 1, _count - index);
        _order[index] = new PlayoutEntry(timestamp, duration, frameDuration, sequence, kind, slot, payload.Length);
        _count++;
        Horizon = _count == 1 ? timestamp + duration : Math.Max(Horizon, timestamp + duration);
        return true;
    }

    /// <summary>Removes the earliest packet.</summary>
    public void RemoveHead()
    {
        if (_count == 0)
        {
            return;
        }

        _freeSlots[_freeCount++] = _order[0].Slot;
        _count--;
        Array.Copy(_order, 1, _order, 0, _count);
    }

    public void Clear()
    {
        _count = 0;
        _freeCount = Capacity;
        for (int i = 0; i < Capacity; i++)
        {
            _freeSlots[i] = Capacity - 1 - i;
        }

        Horizon = 0;
    }

    private int InsertionIndex(long timestamp)
    {
        // Nearly always the end: packets mostly arrive in order.
        if (_count == 0 || _order[_count - 1].Timestamp < timestamp)
        {
            return _count;
        }

        int lo = 0;
        int hi = _count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_order[mid].Timestamp < timestamp)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
