namespace CallSync.Testing.Codecs;

/// <summary>Turns one packet's worth of 16-bit mono samples into an RTP payload (stateful: one per stream).</summary>
public interface IPayloadEncoder : IDisposable
{
    /// <summary>Samples (at the codec's sample rate) one payload carries.</summary>
    int SamplesPerPacket { get; }

    /// <summary>Encodes exactly <see cref="SamplesPerPacket"/> samples; returns the payload.</summary>
    byte[] Encode(ReadOnlySpan<short> samples);
}
