namespace CallSync.Media.Srtp;

/// <summary>
/// The 48-bit SRTP packet index (ROC·2^16 + SEQ) guessed from a 16-bit sequence number and the highest index
/// seen so far (RFC 3711 section 3.3.1 and Appendix A): the ROC of the highest index, one more when SEQ has
/// wrapped forward past it, one less when SEQ is from before the last wrap. Until the highest index passes
/// 32768 the ROC is taken as 0, so the first packets of a stream can never be placed before index 0 (libsrtp
/// guesses the same way, which keeps both ends' ROC equal across the first wrap).
/// </summary>
internal static class SrtpIndexEstimator
{
    /// <summary>Packet indexes are 48 bits (RFC 3711 section 3.3.1).</summary>
    internal const ulong IndexLimit = 1UL << 48;

    private const int Half = 1 << 15;

    /// <summary>
    /// Guesses the index of <paramref name="sequence"/>; <paramref name="started"/> false means no packet yet
    /// (the index is then SEQ with ROC 0). A result of <see cref="IndexLimit"/> or more means the ROC would
    /// pass 2^32: the key is exhausted.
    /// </summary>
    public static ulong Estimate(bool started, ulong highest, ushort sequence)
    {
        if (!started || highest <= Half)
        {
            return sequence;
        }

        ulong roc = highest >> 16;
        int last = (int)(highest & 0xFFFF);
        if (last < Half)
        {
            // SEQ far above the last one: it was sent before the last wrap.
            return sequence - last > Half ? ((roc - 1) << 16) | sequence : (roc << 16) | sequence;
        }

        // SEQ far below the last one: the sequence number wrapped.
        return last - Half > sequence ? ((roc + 1) << 16) | sequence : (roc << 16) | sequence;
    }
}
