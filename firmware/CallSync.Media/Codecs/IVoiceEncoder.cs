namespace CallSync.Media.Codecs;

/// <summary>
/// Encodes one packet's worth of 16-bit mono PCM at the codec's input rate into an RTP payload. The length is the
/// packet time the session chose (any whole millisecond count for G.711/G.722, an Opus frame duration for Opus).
/// </summary>
public interface IVoiceEncoder : IDisposable
{
    /// <summary>PCM samples per second the encoder expects.</summary>
    int SampleRate { get; }

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="destination"/>; returns the payload length.</summary>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> destination);
}
