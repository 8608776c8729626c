namespace CallSync.Media.Audio;

/// <summary>
/// A first-in first-out buffer of 16-bit PCM with the <see cref="SampleKind"/> of every sample, preallocated:
/// decoded packets of any duration go in, fixed device periods come out. Not thread-safe.
/// </summary>
internal sealed class PcmFifo
{
    private readonly short[] _samples;
    private readonly byte[] _kinds;
    private int _start;
    private int _count;

    public PcmFifo(int capacity)
    {
        _samples = new short[capacity];
        _kinds = new byte[capacity];
    }

    public int Count => _count;

    public int Free => _samples.Length - _count;

    /// <summary>Space for <paramref name="length"/> samples at the end; fill it, then <see cref="Commit"/> what was written.</summary>
    public Span<short> GetWriteSpan(int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Free);
        if (_start + _count + length > _samples.Length)
        {
            // Move the unread samples to the front: at most a period or two, only when the tail is short.
            Array.Copy(_samples, _start, _samples, 0, _count);
            Array.Copy(_kinds, _start, _kinds, 0, _count);
            _start = 0;
        }

        return _samples.AsSpan(_start + _count, length);
    }

    public void Commit(int length, SampleKind kind)
    {
        _kinds.AsSpan(_start + _count, length).Fill((byte)kind);
        _count += length;
    }

    /// <summary>Moves the oldest samples into <paramref name="destination"/> (as many as there are); returns how many.</summary>
    /// <param name="destination">Where the samples go.</param>
    /// <param name="concealed">True when any of them was <see cref="SampleKind.Concealed"/>.</param>
    public int Read(Span<short> destination, out bool concealed)
    {
        int n = Math.Min(destination.Length, _count);
        _samples.AsSpan(_start, n).CopyTo(destination);
        concealed = _kinds.AsSpan(_start, n).Contains((byte)SampleKind.Concealed);
        _start += n;
        _count -= n;
        if (_count == 0)
        {
            _start = 0;
        }

        return n;
    }

    public void Clear()
    {
        _start = 0;
        _count = 0;
    }
}
