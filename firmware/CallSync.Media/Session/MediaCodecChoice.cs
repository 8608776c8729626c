namespace CallSync.Media.Session;

/// <summary>
/// The negotiated codec: what to send and accept, the telephone-event and comfort-noise payload types, and what
/// the peer asked for in what we send (its <c>a=ptime</c>, <c>a=maxptime</c> and, for Opus, its fmtp).
/// </summary>
/// <param name="Codec">Voice codec.</param>
/// <param name="PayloadType">Its payload type.</param>
/// <param name="TelephoneEventPayloadType">RFC 4733 payload type, null when not negotiated.</param>
public readonly record struct MediaCodecChoice(AudioCodec Codec, byte PayloadType, byte? TelephoneEventPayloadType)
{
    /// <summary>The peer's <c>a=ptime</c>: how much audio it wants per packet; null for the default 20 ms.</summary>
    public TimeSpan? PacketTime { get; init; }

    /// <summary>The peer's <c>a=maxptime</c>: the most audio per packet it accepts; null when it gave none.</summary>
    public TimeSpan? MaxPacketTime { get; init; }

    /// <summary>
    /// The comfort-noise (RFC 3389) payload type negotiated: 13 for CN/8000, or a dynamic CN at the codec's clock
    /// rate; null when none was. Static 13 is accepted from G.711 and G.722 peers even when not negotiated.
    /// </summary>
    public byte? ComfortNoisePayloadType { get; init; }

    /// <summary>The peer's Opus fmtp parameters, for what we send; null for the RFC 7587 defaults.</summary>
    public OpusParameters? Opus { get; init; }

    /// <summary>RTP clock rate of <see cref="Codec"/> (RFC 3551: 8000 for G.711 and for G.722; RFC 7587: 48000).</summary>
    public int ClockRate => Codec == AudioCodec.Opus ? 48000 : 8000;

    /// <summary>
    /// The rate a call with this codec is recorded at: 16000 for the wideband codecs (Opus, G.722), 8000 for
    /// G.711, whatever the audio device's rate.
    /// </summary>
    public int RecordingSampleRate => Codec is AudioCodec.Opus or AudioCodec.G722 ? 16000 : 8000;
}
