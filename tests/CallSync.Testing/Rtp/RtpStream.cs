namespace CallSync.Testing.Rtp;

/// <summary>A built RTP stream: its packets with their send times, and what its audio holds.</summary>
/// <param name="Codec">The payload format of its audio packets.</param>
/// <param name="PacketTime">The audio carried by one audio packet.</param>
/// <param name="Packets">Every packet, in sending order.</param>
/// <param name="Tones">Where the audio is a tone (stream time).</param>
/// <param name="Audio">The audio that was encoded, at the codec's sample rate (silences as zeros).</param>
public sealed record RtpStream(RtpCodec Codec, TimeSpan PacketTime, IReadOnlyList<RtpPacket> Packets, IReadOnlyList<ToneSpan> Tones, short[] Audio)
{
    /// <summary>The stream's length in time.</summary>
    public TimeSpan Duration => TimeSpan.FromTicks(Audio.Length * TimeSpan.TicksPerSecond / Codec.SampleRate);

    /// <summary>How long a tone was sent in all.</summary>
    public TimeSpan ToneTime => TimeSpan.FromTicks(Tones.Sum(t => t.Duration.Ticks));
}
