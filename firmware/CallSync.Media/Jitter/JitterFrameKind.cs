namespace CallSync.Media.Jitter;

/// <summary>What <see cref="JitterBuffer.Pop"/> produced for one playout tick.</summary>
public enum JitterFrameKind
{
    /// <summary>Nothing to play (buffering, or the stream stopped): play silence.</summary>
    Silence,

    /// <summary>The expected packet: decode the payload (an empty payload is silence).</summary>
    Packet,

    /// <summary>
    /// The expected packet is missing: conceal. When the payload length is above zero it is the packet after
    /// the lost one, for codecs with in-band FEC.
    /// </summary>
    Lost,
}
