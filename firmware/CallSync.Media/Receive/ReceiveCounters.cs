namespace CallSync.Media.Receive;

/// <summary>Running totals of a receiver, audio in TimeSpan ticks (the RTP clock can change with the codec).</summary>
internal struct ReceiveCounters
{
    public long Packets;
    public long Bytes;
    public long LatePackets;
    public long DuplicatePackets;
    public long DiscardedPackets;
    public long Resynchronisations;
    public long ConcealedPeriods;
    public long ReceivedTicks;
    public long LateTicks;
    public long DiscardedTicks;
    public long ConcealedTicks;
    public long TrailingTicks;
    public long RecoveredTicks;
    public long ComfortNoiseTicks;

    // Sources that ended (a new SSRC, a codec change): their A.3 counts, folded in.
    public long FoldedExpected;
    public long FoldedLost;
    public long FoldedLostTicks;
}
