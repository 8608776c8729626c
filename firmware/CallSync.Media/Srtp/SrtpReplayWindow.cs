namespace CallSync.Media.Srtp;

/// <summary>
/// The receiver's replay list (RFC 3711 section 3.3.2) as a sliding window of 128 packet indexes (libsrtp's
/// default size): the highest authenticated index and one bit for each of the 127 before it. Checked before
/// authentication (cheap rejection), updated only after it, so forged packets cannot move the window.
/// </summary>
internal struct SrtpReplayWindow
{
    /// <summary>Indexes the window covers.</summary>
    internal const int Size = 128;

    private UInt128 _seen;

    /// <summary>True once a packet was accepted.</summary>
    public bool Started { get; private set; }

    /// <summary>The highest index accepted (meaningful when <see cref="Started"/>).</summary>
    public ulong Highest { get; private set; }

    /// <summary>Ok for an index not yet seen and inside or ahead of the window.</summary>
    public readonly SrtpResult Check(ulong index)
    {
        if (!Started || index > Highest)
        {
            return SrtpResult.Ok;
        }

        ulong behind = Highest - index;
        if (behind >= Size)
        {
            return SrtpResult.TooOld;
        }

        return ((_seen >> (int)behind) & UInt128.One) != UInt128.Zero ? SrtpResult.Replayed : SrtpResult.Ok;
    }

    /// <summary>Marks an authenticated index as seen, sliding the window forward when it is the newest.</summary>
    public void Accept(ulong index)
    {
        if (!Started)
        {
            Started = true;
            Highest = index;
            _seen = UInt128.One;
        }
        else if (index > Highest)
        {
            ulong ahead = index - Highest;
            _seen = ahead >= Size ? UInt128.One : (_seen << (int)ahead) | UInt128.One;
            Highest = index;
        }
        else
        {
            _seen |= UInt128.One << (int)(Highest - index);
        }
    }
}
