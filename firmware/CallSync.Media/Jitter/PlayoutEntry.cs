namespace CallSync.Media.Jitter;

/// <summary>One buffered packet: where it sits on the playout timeline and where its payload is stored.</summary>
/// <param name="Timestamp">Start on the playout timeline (RTP clock units, extended and re-based).</param>
/// <param name="Duration">Audio it carries in RTP clock units (0 for comfort noise).</param>
/// <param name="FrameDuration">Duration of one codec frame in it (what in-band FEC can rebuild).</param>
/// <param name="Sequence">Sequence number on the playout timeline (extended and re-based).</param>
/// <param name="Kind">Voice or comfort noise.</param>
/// <param name="Slot">Storage slot of the payload.</param>
/// <param name="Length">Payload length.</param>
internal readonly record struct PlayoutEntry(long Timestamp, int Duration, int FrameDuration, long Sequence, PayloadKind Kind, int Slot, int Length)
{
    public long End => Timestamp + Duration;
}
