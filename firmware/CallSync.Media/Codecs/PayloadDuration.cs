using CallSync.Media.Interop.Opus;
using CallSync.Media.Session;

namespace CallSync.Media.Codecs;

/// <summary>
/// How much audio an RTP voice payload carries, in RTP clock units, from the payload alone: the receive path
/// orders and schedules packets by timestamp and duration, never by count, so any packetization plays.
/// </summary>
public static class PayloadDuration
{
    /// <summary>
    /// Duration of <paramref name="payload"/> for <paramref name="codec"/>. G.711: one unit per byte (8000 Hz, one
    /// sample per byte). G.722: one unit per byte too (two 16 kHz samples per byte on its 8000 Hz RTP clock). Opus:
    /// the packet's sample count at 48 kHz (every RFC 6716 frame duration 2.5-60 ms, up to 120 ms per packet).
    /// Never throws.
    /// </summary>
    /// <param name="codec">The voice codec.</param>
    /// <param name="payload">The RTP payload (padding removed).</param>
    /// <param name="units">Duration in RTP clock units.</param>
    /// <param name="frameUnits">Duration of one codec frame in the packet (Opus: what in-band FEC can rebuild); equals
    /// <paramref name="units"/> for the sample-based codecs.</param>
    /// <param name="reason">Why the payload is unusable, when false.</param>
    public static bool TryGetUnits(AudioCodec codec, ReadOnlySpan<byte> payload, out int units, out int frameUnits, out string? reason)
    {
        units = 0;
        frameUnits = 0;
        reason = null;
        if (payload.IsEmpty)
        {
            reason = "empty payload";
            return false;
        }

        if (codec != AudioCodec.Opus)
        {
            units = payload.Length;
            frameUnits = units;
            return true;
        }

        int result = OpusNative.InspectPacket(payload, out units, out frameUnits);
        if (result < 0 || units <= 0)
        {
            units = 0;
            frameUnits = 0;
            reason = result == -4 ? "malformed Opus packet" : "Opus packet rejected by libopus";
            return false;
        }

        return true;
    }
}
