namespace CallSync.Media.Rtp;

/// <summary>How a packet fits its source's sequence (RFC 3550 A.1, with timestamps as evidence).</summary>
public enum RtpArrivalKind
{
    /// <summary>The source's first packet.</summary>
    First,

    /// <summary>The next in sequence, possibly after lost packets.</summary>
    InOrder,

    /// <summary>Older than the highest received and not seen before: it arrived out of order.</summary>
    Reordered,

    /// <summary>Already received: ignore it.</summary>
    Duplicate,

    /// <summary>
    /// A sequence or timestamp discontinuity: the numbers were re-based so the stream continues from where it was,
    /// and the jump counts no loss.
    /// </summary>
    Resynchronised,

    /// <summary>A large sequence jump without evidence: held back (dropped) until the next packet confirms it (A.1).</summary>
    Probation,
}
