namespace CallSync.Media.Srtp;

/// <summary>
/// Per-SSRC state for one packet kind in a fixed number of slots (a call has one or two sources; a few more
/// cover an SSRC change). When full, the least recently used slot is reused. A receiver adds a stream only
/// after a packet of it authenticated, so forged SSRCs cannot evict real ones.
/// </summary>
internal sealed class SrtpStreamTable
{
    private readonly SrtpStreamState[] _slots;
    private long _uses;

    public SrtpStreamTable(int capacity) => _slots = new SrtpStreamState[capacity];

    /// <summary>The slot's state, by reference.</summary>
    public ref SrtpStreamState this[int slot] => ref _slots[slot];

    /// <summary>The replay window of <paramref name="ssrc"/>, or an empty one for a source not yet authenticated.</summary>
    public SrtpReplayWindow GetReceiveWindow(uint ssrc)
    {
        int slot = Find(ssrc);
        return slot >= 0 ? _slots[slot].Receive : default;
    }

    /// <summary>Records an authenticated packet's index, adding the source when it is new.</summary>
    public void MarkReceived(uint ssrc, ulong index) => _slots[GetOrAdd(ssrc)].Receive.Accept(index);

    /// <summary>The slot holding <paramref name="ssrc"/>, or -1.</summary>
    private int Find(uint ssrc)
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i].InUse && _slots[i].Ssrc == ssrc)
            {
                _slots[i].LastUsed = ++_uses;
                return i;
            }
        }

        return -1;
    }

    /// <summary>The slot holding <paramref name="ssrc"/>, created (in a free or the least recently used slot) when missing.</summary>
    public int GetOrAdd(uint ssrc)
    {
        int slot = Find(ssrc);
        if (slot >= 0)
        {
            return slot;
        }

        slot = 0;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (!_slots[i].InUse)
            {
                slot = i;
                break;
            }

            if (_slots[i].LastUsed < _slots[slot].LastUsed)
            {
                slot = i;
            }
        }

        _slots[slot] = new SrtpStreamState { Ssrc = ssrc, InUse = true, LastUsed = ++_uses };
        return slot;
    }
}
