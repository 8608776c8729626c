namespace CallSync.Media.Codecs;

/// <summary>Encodes one 20 ms frame of 16-bit mono PCM at the codec's input rate into an RTP payload.</summary>
public interface IVoiceEncoder : IDisposable
{
    /// <summary>PCM samples per second the encoder expects.</summary>
    int SampleRate { get; }

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="destination"/>; returns the payload length.</summary>
    int Encode(ReadOnlySpan<short> pcm, Span<byte> destination);
}
