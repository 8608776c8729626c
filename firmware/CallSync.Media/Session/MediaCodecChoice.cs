namespace CallSync.Media.Session;

/// <summary>The negotiated codec: what to send and accept, and the telephone-event payload type if any.</summary>
/// <param name="Codec">Voice codec.</param>
/// <param name="PayloadType">Its payload type.</param>
/// <param name="TelephoneEventPayloadType">RFC 4733 payload type, null when not negotiated.</param>
public readonly record struct MediaCodecChoice(AudioCodec Codec, byte PayloadType, byte? TelephoneEventPayloadType)
{
    /// <summary>RTP clock rate of <see cref="Codec"/> (RFC 3551, RFC 7587).</summary>
    public int ClockRate => Codec == AudioCodec.Opus ? 48000 : 8000;
}
